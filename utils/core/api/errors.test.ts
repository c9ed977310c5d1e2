import { describe, expect, it } from 'vitest';
import { CONVOSO_CODES, EXCERPT_SCAN, badResponse, errorFromBody, errorFromStatus, excerpt, isNoMatch, redact, stripMarkup, type ApiError } from './errors';

const TOKEN = 'test-token-not-real-0001';
const ODD_TOKEN = 'test token/not+real=0002';
/** Allowed by TokenSchema (no whitespace) and changed by every escaping: JSON, PHP's "\\/", percent. */
const SLASH_TOKEN = 'tk/not+real="0003"%\\x';

describe('redact', () => {
  const table: [string, string, string][] = [
    [`GET /v1/callbacks/search?auth_token=${TOKEN}&limit=20`, TOKEN, 'GET /v1/callbacks/search?auth_token=[redacted]&limit=20'],
    [`${TOKEN} and ${TOKEN}`, TOKEN, '[redacted] and [redacted]'],
    [`auth_token=${encodeURIComponent(ODD_TOKEN)}`, ODD_TOKEN, 'auth_token=[redacted]'],
    [`auth_token=${new URLSearchParams({ a: ODD_TOKEN }).toString().slice(2)}`, ODD_TOKEN, 'auth_token=[redacted]'],
    [`raw ${ODD_TOKEN}`, ODD_TOKEN, 'raw [redacted]'],
    // Any character but whitespace may be in a token; servers echo it in other spellings.
    [`auth_token=${encodeURIComponent(SLASH_TOKEN).toLowerCase()}`, SLASH_TOKEN, 'auth_token=[redacted]'],
    [`{"error":"bad token ${JSON.stringify(SLASH_TOKEN).slice(1, -1)}"}`, SLASH_TOKEN, '{"error":"bad token [redacted]"}'],
    [`{"error":"bad token ${JSON.stringify(SLASH_TOKEN).slice(1, -1).replace(/\//g, '\\/')}"}`, SLASH_TOKEN, '{"error":"bad token [redacted]"}'],
    ['nothing here', TOKEN, 'nothing here'],
    ['empty token changes nothing', '', 'empty token changes nothing'],
  ];
  it.each(table)('%j', (text, token, expected) => {
    expect(redact(text, token)).toBe(expected);
  });
});

describe('stripMarkup', () => {
  it.each([
    ['<p>a</p><p>b</p>', ' a  b '],
    ['a < b and c > d', 'a   d'],
    ['x <!-- c --> y', 'x   y'],
    ['x <!-- never closed > y', 'x   y'],
    ['<SCRIPT type="x">if (a < b) {}</SCRIPT>t', ' t'],
    ['<scripted>kept</scripted>', ' kept '],
    ['<style>p{}', ' p{}'],
    ['tail <', 'tail <'],
    ['<<<', '<<<'],
  ])('%j → %j', (html, text) => expect(stripMarkup(html)).toBe(text));
});

describe('excerpt', () => {
  it('strips tags, scripts and comments, decodes entities, collapses whitespace', () => {
    const html = '<html><head><style>p{}</style><script>var x="<b>"</script></head><body>\n<h1>502  Bad&nbsp;Gateway</h1><!-- hi -->\n<p>nginx &amp; co</p></body></html>';
    expect(excerpt(html, TOKEN)).toBe('502 Bad Gateway nginx & co');
  });
  it('is at most 160 characters', () => {
    const cut = excerpt('word '.repeat(100), TOKEN);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('…')).toBe(true);
  });
  it('never holds the token, even split by tags or written with entities', () => {
    expect(excerpt(`<a href="?auth_token=${TOKEN}">${TOKEN}</a>`, TOKEN)).toBe('[redacted]');
    expect(excerpt(`x ${TOKEN.replace('-', '&#45;').replace('test', 't&#101;st')}`, TOKEN)).not.toContain('not-real-0001');
    expect(excerpt(`${'a'.repeat(150)} ${TOKEN}`, TOKEN)).not.toContain('test-token');
    expect(excerpt(`it&apos;s ${"ab'cd-not-real".replace("'", '&apos;')}`, "ab'cd-not-real")).toBe("it's [redacted]");
  });
  it('reads only the start of a body: text past EXCERPT_SCAN characters never shows', () => {
    expect(excerpt(`${'<b></b>'.repeat(EXCERPT_SCAN / 7 + 1)}after the cut`, TOKEN)).not.toContain('after');
    expect(excerpt(`${' '.repeat(EXCERPT_SCAN - 3)}Bad Gateway`, TOKEN)).toBe('Bad');
  });
  it('a token across the cut is still redacted, not shown in part', () => {
    for (const at of [EXCERPT_SCAN - 12, EXCERPT_SCAN - 1, EXCERPT_SCAN]) {
      const text = `${'<i>'.repeat(Math.floor(at / 3))}${'x'.repeat(at % 3)}${TOKEN} more`;
      expect(excerpt(text, TOKEN)).not.toMatch(/test-|token-|not-real|0001/);
    }
  });
  it.each([
    ['15 MB of "<" (issue 20, item 3: never finished before)', () => '<'.repeat(15 * 1024 * 1024)],
    ['a tag that never closes, 15 MB long', () => `<a ${'x'.repeat(15 * 1024 * 1024)}`],
    ['15 MB of unclosed scripts', () => '<script>'.repeat(2 * 1024 * 1024)],
  ])('comes back from %s, as an HTTP 500 body too', (_label, body) => {
    const text = body();
    expect(excerpt(text, TOKEN).length).toBeLessThanOrEqual(160);
    expect(errorFromStatus(500, text, TOKEN)).toMatchObject({ kind: 'server', status: 500 });
  });
  it('never holds the token a 5xx JSON body echoes, whatever the escaping', () => {
    const php = JSON.stringify({ error: `bad auth_token ${SLASH_TOKEN}` }).replace(/\//g, '\\/');
    const e = errorFromStatus(500, php, SLASH_TOKEN);
    expect(e).toMatchObject({ kind: 'server', excerpt: '{"error":"bad auth_token [redacted]"}' });
  });
});

describe('errorFromBody: the Convoso code table', () => {
  const params: [number, string][] = [
    [6006, 'user_id'],
    [6026, 'campaign_id'],
    [6031, 'start_date'],
    [6042, 'list_id'],
    [7231, 'offset'],
    [7258, 'limit'],
  ];
  it.each(params)('%i is a param error on %s', (code, field) => {
    const e = errorFromBody({ success: false, code, text: 'Some text' }, TOKEN);
    expect(e).toEqual({ kind: 'param', code, field, apiText: 'Some text', message: CONVOSO_CODES[code]!.message });
  });
  it.each([6000, 6001])('%i is a generic api error with its own sentence', (code) => {
    const e = errorFromBody({ success: false, code: String(code), text: 'x' }, TOKEN);
    expect(e).toEqual({ kind: 'api', code, apiText: 'x', message: CONVOSO_CODES[code]!.message });
  });
  it('6001 is recognisable as "no match"', () => {
    expect(isNoMatch(errorFromBody({ success: false, code: 6001, text: 'No record found' }, TOKEN))).toBe(true);
    // 6000 "Missing callbacks" means the same for this endpoint (issue 9); other codes do not.
    expect(isNoMatch(errorFromBody({ success: false, code: 6000, text: 'Missing callbacks' }, TOKEN))).toBe(true);
    expect(isNoMatch(errorFromBody({ success: false, code: 6006, text: 'x' }, TOKEN))).toBe(false);
  });
  it.each([
    { success: false, code: 403, text: 'Forbidden' },
    { success: false, code: '403', text: 'Token not allowed' },
    { success: false, text: 'Invalid authentication token' },
    { success: false, error: 'Invalid authentication token' },
    { success: false, code: 6000, text: 'Invalid Authentication Token' },
  ])('%j is an auth error', (body) => {
    const e = errorFromBody(body, TOKEN);
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/token/i);
  });
  it('the {success:false, error} shape keeps the text', () => {
    const e = errorFromBody({ success: false, error: 'Account suspended' }, TOKEN);
    expect(e).toEqual({ kind: 'api', apiText: 'Account suspended', message: 'Convoso refused the search. Convoso said: Account suspended' });
  });
  it('an unknown code names the code and the text', () => {
    expect(errorFromBody({ success: false, code: 9999, text: 'Odd' }, TOKEN)).toEqual({
      kind: 'api', code: 9999, apiText: 'Odd', message: 'Convoso refused the search (code 9999). Convoso said: Odd',
    });
  });
  it('no code, no text', () => {
    expect(errorFromBody({ success: false }, TOKEN)).toEqual({ kind: 'api', apiText: '', message: 'Convoso refused the search. Convoso gave no reason.' });
  });
  it('an echoed token never reaches apiText or message', () => {
    const e = errorFromBody({ success: false, code: 9999, text: `Bad request auth_token=${TOKEN}` }, TOKEN);
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(e).toMatchObject({ apiText: 'Bad request auth_token=[redacted]' });
  });
});

describe('errorFromStatus', () => {
  const html502 = '<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';
  const table: [number, string, number | undefined, Partial<ApiError>][] = [
    [401, 'Unauthorized', undefined, { kind: 'auth', status: 401 }],
    [403, '<h1>Forbidden</h1>', undefined, { kind: 'auth', status: 403 }],
    [429, 'Too Many Requests', 5000, { kind: 'rate-limited', status: 429, retryAfterMs: 5000 }],
    [429, '', undefined, { kind: 'rate-limited', status: 429 }],
    [500, 'Internal Server Error', undefined, { kind: 'server', status: 500, excerpt: 'Internal Server Error' }],
    [502, html502, undefined, { kind: 'server', status: 502, excerpt: '502 Bad Gateway nginx' }],
    [503, '', undefined, { kind: 'server', status: 503, excerpt: '' }],
    [504, 'Gateway Timeout', undefined, { kind: 'server', status: 504 }],
    [404, '<h1>Not Found</h1>', undefined, { kind: 'http', status: 404, excerpt: 'Not Found' }],
    [400, 'Bad Request', undefined, { kind: 'http', status: 400, excerpt: 'Bad Request' }],
    [418, '', undefined, { kind: 'http', status: 418 }],
    [400, '{"success":false,"code":7258,"text":"Invalid limit"}', undefined, { kind: 'param', code: 7258, field: 'limit' }],
    [404, '{"success":false,"code":6001,"text":"No record"}', undefined, { kind: 'api', code: 6001 }],
  ];
  it.each(table)('%i %j', (status, body, retryAfterMs, expected) => {
    const e = errorFromStatus(status, body, TOKEN, retryAfterMs);
    expect(e).toMatchObject(expected);
    expect(e.message).toBeTruthy();
  });
  it('429 without Retry-After has no retryAfterMs key', () => {
    expect('retryAfterMs' in errorFromStatus(429, '', TOKEN)).toBe(false);
  });
  it('429 says how long to wait', () => {
    expect(errorFromStatus(429, '', TOKEN, 12_000).message).toMatch(/12 s/);
  });
  it('an echoed URL never leaks the token', () => {
    for (const status of [400, 403, 404, 429, 500, 502]) {
      const e = errorFromStatus(status, `<p>Request GET /v1/callbacks/search?auth_token=${TOKEN} failed</p>`, TOKEN);
      expect(JSON.stringify(e)).not.toContain(TOKEN);
    }
  });
});

describe('badResponse', () => {
  it('keeps a short, clean excerpt of the non-JSON body', () => {
    const e = badResponse(200, `<html><title>Login</title><form action="?auth_token=${TOKEN}">Sign in</form></html>`, TOKEN);
    expect(e).toMatchObject({ kind: 'bad-response', status: 200, excerpt: 'Login Sign in' });
    expect(JSON.stringify(e)).not.toContain(TOKEN);
  });
});

describe('errorFromBody: token problems as real clients see them (issue 9)', () => {
  it.each([
    { success: false, code: 5001, text: 'Auth token is invalid' },
    { success: false, code: '5001', text: '' },
    { success: false, error: 'Invalid token' },
    { success: false, text: 'Insufficient permissions' },
    { success: false, code: 6099, text: 'Permission denied' },
  ])('%j is an auth error', (body) => {
    expect(errorFromBody(body, TOKEN).kind).toBe('auth');
  });
  it('a message that only echoes the auth_token parameter is not', () => {
    expect(errorFromBody({ success: false, code: 9999, text: 'Bad request auth_token=x' }, TOKEN).kind).toBe('api');
  });
  it('6000 "Missing callbacks" is no match', () => {
    expect(isNoMatch(errorFromBody({ success: false, code: 6000, text: 'Missing callbacks' }, TOKEN))).toBe(true);
  });
});
