import { debounce } from './debounce';

export interface DomWatcherOptions {
  /** Called once per burst of page changes. */
  onChange: () => void;
  /** Nodes whose own changes (and their subtree's) are ours and not the page's. */
  isOurs: (node: Node) => boolean;
  delayMs?: number;
}

/**
 * Watches the page for changes that may show another lead, debounced so a busy
 * page costs one detection per burst. Our own badge is ignored, otherwise every
 * render would trigger a detection which would trigger a render.
 */
export function watchDom(root: Node, options: DomWatcherOptions): () => void {
  const changed = debounce(options.onChange, options.delayMs ?? 150);
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !isOursRecord(r, options.isOurs))) changed();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  return () => {
    observer.disconnect();
    changed.cancel();
  };
}

function isOursRecord(record: MutationRecord, isOurs: (node: Node) => boolean): boolean {
  if (isOurs(record.target)) return true;
  if (record.type !== 'childList') return false;
  // Adding or removing our host touches the page's <body>, but only our node moved.
  const moved = [...record.addedNodes, ...record.removedNodes];
  return moved.length > 0 && moved.every(isOurs);
}
