import { readFileSync } from 'node:fs';

// Answers in every shape public Convoso clients document (issue 9), written for
// this project: mock-api/answers/<name>.json. The mock serves one on demand
// (`setFaults({ answer: { shape } })`), and unit tests run them through the
// client, the background and the badge summary.

export const ANSWER_SHAPES = [
  'envelope',
  'bare-page',
  'missing-callbacks-6000',
  'no-record-6001',
  'auth-5001',
  'invalid-token-text',
  'insufficient-permissions',
  'time-shapes',
  'total-missing',
  'total-unusable',
  'user-name',
  'stage-spellings',
  'stage-refused',
] as const;

export type AnswerShape = (typeof ANSWER_SHAPES)[number];

/** A fresh copy of the answer body, parsed. */
export function answerShape(name: AnswerShape): unknown {
  return JSON.parse(readFileSync(new URL(`./answers/${name}.json`, import.meta.url), 'utf8'));
}
