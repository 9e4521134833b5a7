import { SHORTCUTS } from '../lib/shortcuts.js';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <aside className="shortcut-help" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </aside>
  );
}
