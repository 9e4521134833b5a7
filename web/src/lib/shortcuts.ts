/**
 * Single-key shortcuts for the coding view (a coder works hundreds of charts a week, mostly from
 * the keyboard). Keys never fire while the coder is typing in a field or holding a modifier, so
 * "a" in the search box is a letter, not an accept.
 */
export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'accept'
  | 'reject'
  | 'replace'
  | 'search'
  | 'help'
  | 'close';

export const SHORTCUTS: readonly { key: string; action: ShortcutAction; label: string }[] = [
  { key: 'j', action: 'next', label: 'Next code' },
  { key: 'k', action: 'previous', label: 'Previous code' },
  { key: 'a', action: 'accept', label: 'Accept the selected code' },
  { key: 'r', action: 'reject', label: 'Reject the selected code' },
  { key: 'e', action: 'replace', label: 'Replace the selected code (opens code search)' },
  { key: '/', action: 'search', label: 'Search codes to add one' },
  { key: '?', action: 'help', label: 'Show or hide this help' },
  { key: 'Escape', action: 'close', label: 'Close search or help' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press, or null. `editing` = focus is in a text field, select or editable element. */
export function shortcutFor(event: KeyInput, editing: boolean): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'close';
  if (editing) return null;
  return SHORTCUTS.find((s) => s.key === event.key)?.action ?? null;
}

/** Whether key presses on this element are text input (checked on tag names so it stays DOM-free). */
export function isEditingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
