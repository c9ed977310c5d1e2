import type { ReplyMap } from '../../messaging/protocol';
import { readConnection, tokenHint } from '../../settings/connection';
import { userIdSetting } from '../../settings/settings';

export async function settingsStatus(): Promise<ReplyMap['settings-status']> {
  const [s, user] = await Promise.all([readConnection(), userIdSetting.get()]);
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
      problems: user.problem ? [...s.problems, user.problem] : s.problems,
    },
  };
}
