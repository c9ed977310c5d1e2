import { emptyPlan, SETTINGS_FILE_FORMAT, SETTINGS_FILE_VERSION, type ImportPlan, type TransferField, type TransferParts } from './transfer-parts';

const TOKEN_KEY = /token|auth|secret|password/i;
const TOKEN_SKIPPED = 'Tokens are never imported; enter yours on this page.';
const UNKNOWN = 'Not a setting this version knows; ignored.';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Why the file's version is not the one this extension reads, in words that fit what the file says. */
function versionProblem(version: unknown): string {
  const reads = `this version of the extension reads version ${SETTINGS_FILE_VERSION}`;
  if (version === undefined) return `It has no format version; ${reads}.`;
  if (typeof version === 'string') {
    return `Its format version is ${JSON.stringify(version.slice(0, 40))}, a text, not a number; ${reads}. Export the settings again.`;
  }
  if (typeof version !== 'number' || !Number.isFinite(version)) return `Its format version is not a number; ${reads}.`;
  return `It has format version ${version}; ${reads}.`;
}

/** The file as an object of this format and version, or the plan's one rejection. */
function readFile(text: string, plan: ImportPlan): Record<string, unknown> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    plan.rejected.push({ label: 'The file', message: 'It is not JSON. Choose a file made by “Export settings”.' });
    return null;
  }
  if (!isRecord(data) || data.format !== SETTINGS_FILE_FORMAT) {
    plan.rejected.push({ label: 'The file', message: 'It is not a Convoso Callbacks settings file.' });
    return null;
  }
  if (data.version !== SETTINGS_FILE_VERSION) {
    plan.rejected.push({ label: 'The file', message: versionProblem(data.version) });
    return null;
  }
  return data;
}

function planField(field: TransferField, value: unknown, plan: ImportPlan): void {
  if (field.locked) {
    plan.skipped.push({ label: field.label, message: 'Set by your administrator; kept.' });
    return;
  }
  const checked = field.setting.check(value);
  if (!checked.ok) {
    plan.rejected.push({ label: field.label, message: field.refused ?? checked.message });
    return;
  }
  plan.writes.push(field.setting.entry(checked.value));
  plan.origins.push(...(field.origins?.(checked.value) ?? []));
  plan.accepted.push({ label: field.label, message: field.describe?.(checked.value) ?? `Set to ${String(checked.value)}.` });
}

function planSettings(settings: unknown, fields: readonly TransferField[], plan: ImportPlan): void {
  if (settings === undefined) return;
  if (!isRecord(settings)) {
    plan.rejected.push({ label: 'settings', message: 'Must be an object of named settings.' });
    return;
  }
  for (const [key, value] of Object.entries(settings)) {
    // Own keys only, and by name: "constructor" or "toString" in a file must not reach Object.prototype.
    const field = fields.find((f) => f.key === key);
    if (TOKEN_KEY.test(key)) plan.skipped.push({ label: key, message: TOKEN_SKIPPED });
    else if (!field) plan.skipped.push({ label: key, message: UNKNOWN });
    else planField(field, value, plan);
  }
}

/**
 * Reads a settings file and says, item by item, what importing it would do.
 * Nothing is written here: applyImport does that, only for a plan with no
 * rejected item.
 */
export async function planImport(text: string, parts: TransferParts): Promise<ImportPlan> {
  const plan = emptyPlan();
  const data = readFile(text, plan);
  if (!data) return plan;
  const known = new Set(['format', 'version', 'exportedAt', 'settings', ...parts.sections.map((s) => s.key)]);
  for (const key of Object.keys(data)) {
    if (TOKEN_KEY.test(key)) plan.skipped.push({ label: key, message: TOKEN_SKIPPED });
    else if (!known.has(key)) plan.skipped.push({ label: key, message: UNKNOWN });
  }
  planSettings(data.settings, parts.fields, plan);
  for (const section of parts.sections) {
    if (data[section.key] !== undefined) await section.plan(data[section.key], plan);
  }
  return plan;
}
