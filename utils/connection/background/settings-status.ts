import type { AnswerOf } from '../../core/messaging/define-message';
import type { settingsStatus as settingsStatusMessage } from '../connection-messages';
import { readConnection, tokenHint } from '../read-connection';
import { timeZoneSetting, userIdSetting } from '../settings';

export async function settingsStatus(): Promise<AnswerOf<typeof settingsStatusMessage>> {
  const [s, user, zone] = await Promise.all([readConnection(), userIdSetting.get(), timeZoneSetting.get()]);
  return {
    ok: true,
    status: {
      hasToken: s.token !== '',
      tokenHint: tokenHint(s.token),
      tokenStorage: s.tokenStorage,
      baseUrl: s.baseUrl,
      method: s.method,
      pageSize: s.pageSize,
      userId: user.value,
      timeZone: zone.value,
      problems: [...s.problems, ...[user.problem, zone.problem].filter((p): p is string => Boolean(p))],
    },
  };
}
