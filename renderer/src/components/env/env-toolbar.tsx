import { useRef } from 'react';
import { Icon } from '../common/icons.js';

interface EnvToolbarProps {
  scope: string;
  logicalId: string;
  onScope(scope: string): void;
  onImport(file: File): void;
  onExport(): void;
}

/** Which variables are edited (the function's or Globals), and .env import and export. */
export function EnvToolbar({ scope, logicalId, onScope, onImport, onExport }: EnvToolbarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="env-toolbar">
      <label className="inline-label" htmlFor="env-scope">
        Scope
      </label>
      <select id="env-scope" data-testid="env-scope" value={scope} onChange={(e) => onScope(e.target.value)}>
        <option value={logicalId}>{logicalId}</option>
        <option value="Globals">Globals (every function)</option>
      </select>
      <span className="spacer" />
      <input ref={fileInput} type="file" accept=".env,text/plain" hidden data-testid="env-import-input" onChange={(e) => (e.target.files?.[0] && onImport(e.target.files[0]), (e.target.value = ''))} />
      <button type="button" className="btn btn-small" data-testid="env-import" onClick={() => fileInput.current?.click()}>
        <Icon name="upload" size={14} /> Import .env
      </button>
      <button type="button" className="btn btn-small" data-testid="env-export" onClick={onExport}>
        <Icon name="download" size={14} /> Export .env
      </button>
    </div>
  );
}
