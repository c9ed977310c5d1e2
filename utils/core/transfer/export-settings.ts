import { SETTINGS_FILE_FORMAT, SETTINGS_FILE_VERSION, type SettingsFile, type TransferParts } from './transfer-parts';

export interface Exported {
  file: SettingsFile;
  /** Settings that could not be read: left out of the file (their defaults are not exported as if chosen). */
  problems: string[];
}

/** Everything the parts share, in their order. */
export async function exportSettings(parts: TransferParts, now = new Date()): Promise<Exported> {
  const file: SettingsFile = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, exportedAt: now.toISOString(), settings: {} };
  const problems: string[] = [];
  const reads = await Promise.all(parts.fields.map((field) => field.setting.get()));
  parts.fields.forEach((field, i) => {
    const read = reads[i]!;
    if (read.problem) problems.push(read.problem);
    else if (!field.omit?.(read.value)) file.settings[field.key] = read.value;
  });
  for (const section of parts.sections) {
    const exported = await section.export();
    file[section.key] = exported.value;
    problems.push(...exported.problems);
  }
  return { file, problems };
}

export function settingsFileName(now = new Date()): string {
  return `convoso-callbacks-settings-${now.toISOString().slice(0, 10)}.json`;
}
