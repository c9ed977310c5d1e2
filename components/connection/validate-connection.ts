import * as v from 'valibot';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import { BaseUrlSchema, TimeZoneSchema, TokenSchema, UserIdSchema } from '../../utils/connection/schemas';
import type { Errors, FieldName, Fields } from './connection-state';

/** What a save or a test sends, the fields' values through their schemas. */
export interface Checked {
  errors: Errors;
  /** A new token; undefined keeps the saved one. */
  token?: string;
  baseUrl: string;
  userId: string;
  timeZone: string;
}

const FIELDS_OF: Record<'save' | 'test', readonly FieldName[]> = {
  save: ['token', 'userId', 'timeZone', 'baseUrl'],
  test: ['token', 'baseUrl'],
};

/** The values as shown: what the policy sets wins over what the form holds. */
export function shownFields(fields: Fields, policy: ConnectionPolicy): Fields {
  return { ...fields, baseUrl: policy.baseUrl ?? fields.baseUrl, method: policy.method ?? fields.method, timeZone: policy.timeZone ?? fields.timeZone };
}

/** Checks the fields a Save (either card's: it saves every change made here) or a test sends; an empty token keeps the saved one. */
export function validateConnection(fields: Fields, policy: ConnectionPolicy, part: 'save' | 'test'): Checked {
  const shown = shownFields(fields, policy);
  const parse = (schema: v.GenericSchema<string, string>, value: string) => v.safeParse(schema, value);
  const token = shown.token.trim() === '' ? null : parse(TokenSchema, shown.token);
  const results = {
    token,
    baseUrl: parse(BaseUrlSchema, shown.baseUrl),
    userId: parse(UserIdSchema, shown.userId.trim()),
    timeZone: parse(TimeZoneSchema, shown.timeZone),
  };
  const errors: Errors = {};
  for (const name of FIELDS_OF[part]) {
    const result = results[name];
    if (result && !result.success) errors[name] = result.issues[0].message;
  }
  const value = (name: Exclude<FieldName, 'token'>) => {
    const result = results[name];
    return result.success ? result.output : shown[name];
  };
  return {
    errors,
    token: token?.success ? token.output : undefined,
    baseUrl: value('baseUrl'),
    userId: value('userId'),
    timeZone: value('timeZone'),
  };
}

/** The first marked field, in the page's order: the one to focus. */
export function firstError(errors: Errors): FieldName | undefined {
  return (['token', 'userId', 'timeZone', 'baseUrl'] as const).find((name) => errors[name]);
}
