import type { ReplyMap } from '../../messaging/protocol';
import { readConnection, tokenHint } from '../../settings/connection';

export async function settingsStatus(): Promise<ReplyMap['settings-status']> {
  const s = await readConnection();
  return {
    ok: true,
    status: {
      hasToken: s.token !== '',
      tokenHint: tokenHint(s.token),
      tokenStorage: s.tokenStorage,
      baseUrl: s.baseUrl,
      method: s.method,
      pageSize: s.pageSize,
      problems: s.problems,
    },
  };
}
