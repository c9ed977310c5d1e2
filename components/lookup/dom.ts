// A few lines instead of a UI library: the content script has a 15 KB (gzip)
// budget and runs on every CRM page, and the badge is a handful of elements.
// Children that are strings become text nodes: API data can never become markup.

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (event: never) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

/**
 * Whether an event comes from the person at the keyboard and mouse. A page script
 * can dispatch events and call `el.click()` (isTrusted false); those must never
 * open the panel, a tab or the options. Component tests, whose events are all
 * synthetic, swap this check.
 */
export const input = { isTrusted: (event: Event) => event.isTrusted };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      // onClick -> click; onClickCapture -> click, capture phase.
      const capture = name.endsWith('Capture');
      const type = name.slice(2, capture ? -7 : undefined).toLowerCase();
      el.addEventListener(type, (event) => input.isTrusted(event) && (value as EventListener)(event), capture);
    } else if (name === 'class') el.className = String(value);
    else if (!isSafeAttribute(name, String(value))) continue;
    else el.setAttribute(name, value === true ? (name.startsWith('aria-') ? 'true' : '') : String(value));
  }
  append(el, children);
  return el;
}

const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/**
 * Text can never become script here: an `on…` attribute is only ever a function
 * (a listener), and an address attribute only an http(s) or relative one, never
 * `javascript:` or `data:`, whatever a value from the API holds.
 */
function isSafeAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return false;
  if (!URL_ATTRIBUTES.has(lower)) return true;
  // Control characters and spaces are dropped by URL parsers before the scheme is read.
  const scheme = /^([^/?#]*?):/.exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https';
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? (child as Node) : document.createTextNode(String(child)));
  }
}

/**
 * Replaces `mount`'s content with `next` (or only `previous`, one of its
 * children, leaving the others in place), keeping keyboard focus on the control
 * with the same `data-key` so a re-render never throws the agent's focus away.
 */
export function replaceKeepingFocus(mount: HTMLElement, next: Node, previous?: ChildNode | null): void {
  const root = mount.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  const key = active && mount.contains(active) ? active.getAttribute('data-key') : null;
  if (previous && previous.parentNode === mount) previous.replaceWith(next);
  else if (previous === undefined) mount.replaceChildren(next);
  else mount.append(next);
  if (key) (mount.querySelector(`[data-key="${key}"]`) as HTMLElement | null)?.focus();
}
