import { useEffect, useMemo, useRef, useState } from 'react';
import { fuzzyScore } from '../../lib/fuzzy.js';
import { useUi } from '../../store/ui.js';
import { buildCommands, type Command } from '../layout/actions.js';

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  if (!open) return null;
  return <Palette />;
}

function Palette() {
  const close = () => useUi.getState().setPaletteOpen(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const commands = useMemo(buildCommands, []);
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => {
    const scored: Array<{ c: Command; score: number }> = [];
    for (const c of commands) {
      const score = fuzzyScore(query, `${c.category}: ${c.title}`);
      if (score !== undefined) scored.push({ c, score });
    }
    return query ? scored.sort((a, b) => b.score - a.score).map((s) => s.c) : scored.map((s) => s.c);
  }, [commands, query]);

  useEffect(() => setIndex(0), [query]);
  useEffect(() => {
    list.current?.children[index]?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const runAt = (i: number) => {
    const c = matches[i];
    if (!c) return;
    close();
    c.run();
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" data-testid="command-palette" role="dialog" aria-label="Command palette">
        <input
          autoFocus
          className="palette-input"
          data-testid="command-palette-input"
          placeholder="Type a command"
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[index] ? `palette-${matches[index].id}` : undefined}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') return close();
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Enter') return;
            e.preventDefault();
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else runAt(index);
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={list}>
          {matches.length === 0 && <li className="palette-empty">No matching commands</li>}
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`palette-${c.id}`}
              role="option"
              aria-selected={i === index}
              className={`palette-item ${i === index ? 'is-active' : ''}`}
              data-testid={`command-${c.id}`}
              onMouseMove={() => setIndex(i)}
              onClick={() => runAt(i)}
            >
              <span className="palette-category">{c.category}</span>
              <span className="palette-title">{c.title}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
