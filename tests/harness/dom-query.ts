// Finding elements the way a person does, by role and accessible name, by label, by
// text: one function that runs inside the page (an extension page, a web page, or a
// closed shadow root reached through the browser's automation), in Chromium and Firefox
// alike. It is sent as source, so it is self-contained. Its rules follow Playwright's
// getByRole / getByLabel / getByText closely enough for this extension's markup:
// - a name or text given as a string matches case-insensitively as a substring, or
//   exactly (case and all, whitespace collapsed) with `exact`; a RegExp is tested;
// - roles are explicit (`role=`) or the element's implicit one; hidden elements have none;
// - text matches the smallest elements whose text matches (not their ancestors).

export type Matcher = { string: string } | { source: string; flags: string };

export type Step =
  | { by: 'css'; selector: string }
  | { by: 'role'; role: string; name?: Matcher; exact?: boolean }
  | { by: 'label'; label: Matcher; exact?: boolean }
  | { by: 'text'; text: Matcher; exact?: boolean }
  | { by: 'hasText'; text: Matcher }
  | { by: 'has'; steps: Step[] }
  | { by: 'nth'; index: number };

export const toMatcher = (m: string | RegExp): Matcher => (typeof m === 'string' ? { string: m } : { source: m.source, flags: m.flags });

/** The elements `steps` find under `root` (a Document, an Element or a ShadowRoot), in document order. */
export function queryAll(root: ParentNode, steps: Step[]): Element[] {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (m: Matcher, actual: string, exact?: boolean) => {
    const text = norm(actual);
    if ('source' in m) return new RegExp(m.source, m.flags).test(text);
    return exact ? text === norm(m.string) : text.toLowerCase().includes(norm(m.string).toLowerCase());
  };
  const hidden = (el: Element): boolean => {
    if (el.closest('[aria-hidden="true"], [hidden]')) return true;
    const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
    return check ? !check.call(el, { visibilityProperty: true }) : false;
  };
  const textOf = (el: Element): string => {
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return el.value;
    return el.textContent ?? '';
  };
  const implicitRole = (el: Element): string => {
    const tag = el.localName;
    const input = el as HTMLInputElement;
    switch (tag) {
      case 'a':
      case 'area':
        return el.hasAttribute('href') ? 'link' : '';
      case 'button':
        return 'button';
      case 'input': {
        const type = (input.getAttribute('type') ?? 'text').toLowerCase();
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'search') return 'searchbox';
        if (type === 'hidden') return '';
        return input.list ? 'combobox' : 'textbox';
      }
      case 'select':
        return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
      case 'textarea':
        return 'textbox';
      case 'ul':
      case 'ol':
      case 'menu':
        return 'list';
      case 'li':
        return 'listitem';
      case 'table':
        return 'table';
      case 'tr':
        return 'row';
      case 'td':
        return 'cell';
      case 'th':
        return el.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
      case 'thead':
      case 'tbody':
      case 'tfoot':
        return 'rowgroup';
      case 'fieldset':
      case 'details':
      case 'optgroup':
        return 'group';
      case 'option':
        return 'option';
      case 'section':
        return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : '';
      case 'form':
        return 'form';
      case 'nav':
        return 'navigation';
      case 'main':
        return 'main';
      case 'aside':
        return 'complementary';
      case 'article':
        return 'article';
      case 'dialog':
        return 'dialog';
      case 'progress':
        return 'progressbar';
      case 'output':
        return 'status';
      case 'hr':
        return 'separator';
      case 'img':
        return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return 'heading';
      default:
        return '';
    }
  };
  const roleOf = (el: Element) => (el.getAttribute('role') ?? '').trim().split(/\s+/)[0] || implicitRole(el);
  const NAME_FROM_CONTENT = new Set(['button', 'link', 'cell', 'columnheader', 'rowheader', 'row', 'heading', 'listitem', 'option', 'tab', 'menuitem', 'checkbox', 'radio', 'switch', 'tooltip', 'treeitem']);
  const labelsOf = (el: Element): string[] => {
    const out: string[] = [];
    const byId = (ids: string) => {
      const doc = el.getRootNode() as Document | ShadowRoot;
      return ids.split(/\s+/).map((id) => norm(doc.getElementById?.(id)?.textContent)).join(' ');
    };
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) out.push(byId(labelledBy));
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) out.push(aria);
    for (const label of (el as HTMLInputElement).labels ?? []) out.push(label.textContent ?? '');
    return out;
  };
  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelsOf(el)[0]!;
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return aria;
    const role = roleOf(el);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return [...labels].map((l) => l.textContent ?? '').join(' ');
    if (el.localName === 'fieldset') return el.querySelector(':scope > legend')?.textContent ?? '';
    if (el.localName === 'table') return el.querySelector(':scope > caption')?.textContent ?? '';
    if (el.localName === 'img') return el.getAttribute('alt') ?? '';
    if (NAME_FROM_CONTENT.has(role)) return textOf(el);
    return el.getAttribute('title') ?? '';
  };
  const isField = (el: Element) => ['input', 'select', 'textarea'].includes(el.localName) || el.hasAttribute('contenteditable') || ['textbox', 'combobox', 'checkbox', 'radio', 'switch', 'slider', 'spinbutton', 'searchbox'].includes(el.getAttribute('role') ?? '');
  const SKIP = new Set(['script', 'style', 'head', 'template', 'noscript', 'title', 'meta', 'link']);
  // The scope itself and what is inside it (Playwright's role and text engines match the scope too).
  const descendants = (scope: ParentNode): Element[] => [...(scope instanceof Element ? [scope] : []), ...scope.querySelectorAll('*')];

  const step = (scopes: ParentNode[], s: Step): Element[] => {
    const found = new Set<Element>();
    for (const scope of scopes) {
      let candidates: Element[];
      switch (s.by) {
        case 'css':
          candidates = [...scope.querySelectorAll(s.selector)];
          break;
        case 'role':
          candidates = descendants(scope).filter((el) => roleOf(el) === s.role && !hidden(el) && (!s.name || matches(s.name, nameOf(el), s.exact)));
          break;
        case 'label':
          candidates = descendants(scope).filter((el) => isField(el) && labelsOf(el).some((l) => matches(s.label, l, s.exact)));
          break;
        case 'text': {
          const hits = descendants(scope).filter((el) => !SKIP.has(el.localName) && matches(s.text, textOf(el), s.exact));
          const hitSet = new Set(hits);
          candidates = hits.filter((el) => ![...el.children].some((child) => hitSet.has(child)));
          break;
        }
        case 'hasText':
          candidates = scope instanceof Element && matches(s.text, textOf(scope)) ? [scope] : [];
          break;
        case 'has':
          candidates = scope instanceof Element && queryAll(scope, s.steps).length > 0 ? [scope] : [];
          break;
        case 'nth':
          candidates = [];
          break;
      }
      for (const el of candidates) found.add(el);
    }
    return [...found];
  };

  let current: ParentNode[] = [root];
  for (const s of steps) {
    if (s.by === 'nth') {
      const list = current as Element[];
      const picked = s.index < 0 ? list[list.length + s.index] : list[s.index];
      current = picked ? [picked] : [];
    } else {
      current = step(current, s);
    }
  }
  return current as Element[];
}
