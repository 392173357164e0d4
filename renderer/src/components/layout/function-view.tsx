import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { selectHasDraft, useDrafts } from '../../store/drafts.js';
import { selectDirtyCount, useEditor } from '../../store/editor.js';
import { selectTab, useUi, type TabId } from '../../store/ui.js';
import { CodeTab } from '../code/code-tab.js';
import { Icon } from '../common/icons.js';
import { ConfigTab } from '../config/config-tab.js';
import { EnvTab } from '../env/env-tab.js';
import { TestTab } from '../test/test-tab.js';
import { TriggersTab } from '../triggers/triggers-tab.js';
import { MonitorView } from '../monitor/monitor-view.js';
import { LogsTab } from '../logs/logs-tab.js';
import { ForceColdButton } from './force-cold-button.js';

const TABS: Array<{ id: TabId; label: string; testId: string }> = [
  { id: 'code', label: 'Code', testId: 'tab-code' },
  { id: 'test', label: 'Test', testId: 'tab-test' },
  { id: 'config', label: 'Configuration', testId: 'tab-config' },
  { id: 'env', label: 'Environment variables', testId: 'tab-env' },
  { id: 'triggers', label: 'Triggers', testId: 'tab-triggers' },
  { id: 'logs', label: 'Logs', testId: 'tab-logs' },
  { id: 'monitor', label: 'Monitor', testId: 'tab-monitor' },
];

export function FunctionView({ fn }: { fn: FunctionSummary }) {
  const tab = useUi(selectTab(fn.logicalId));
  const setTab = useUi((s) => s.setTab);
  const dirty = useEditor(selectDirtyCount(fn.logicalId));
  // Unsaved edits left on the Configuration or Environment variables tab (store/drafts.ts).
  const configDraft = useDrafts(selectHasDraft(`config:${fn.logicalId}`));
  const envDraft = useDrafts((s) => `env:${fn.logicalId}` in s.drafts || 'env:Globals' in s.drafts);
  const unsaved: Partial<Record<TabId, string>> = {
    code: dirty > 0 ? `${dirty} unsaved file${dirty === 1 ? '' : 's'}` : undefined,
    config: configDraft ? 'Unsaved configuration changes' : undefined,
    env: envDraft ? 'Unsaved variables' : undefined,
  };
  return (
    <div className="function-view">
      <header className="function-header">
        <div className="function-title">
          <h1>{fn.logicalId}</h1>
          <span className="function-facts">
            <span className="chip" title="Runtime">
              {fn.runtime}
            </span>
            {fn.runtimeUsed && (
              <span className={`chip${fn.runtimeNote ? ' is-warning' : ''}`} data-testid="runtime-used" title={fn.runtimeNote ?? 'What runs this function on this machine (INIT_START shows it too)'}>
                runs on {fn.runtimeUsed}
              </span>
            )}
            {fn.awsTarget && (
              <span
                className="chip is-warning"
                data-testid="aws-target"
                title="Its AWS SDK calls go to a real AWS account with this profile of your AWS config (Workspace settings → AWS calls), not to the local services"
              >
                real AWS {fn.awsTarget.profile} · {fn.awsTarget.region}
              </span>
            )}
            <span className="chip mono" title="Handler">
              {fn.handler}
            </span>
            <span className="chip" title="Memory size">
              {fn.memorySizeMb} MB
            </span>
            <span className="chip" title="Timeout">
              {fn.timeoutSeconds} s timeout
            </span>
            <ForceColdButton logicalId={fn.logicalId} />
          </span>
        </div>
        <nav className="tabs" role="tablist" aria-label={`${fn.logicalId} tabs`}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={`tab ${tab === t.id ? 'is-active' : ''}`}
              data-testid={t.testId}
              onClick={() => setTab(fn.logicalId, t.id)}
            >
              {t.label}
              {unsaved[t.id] && <span className="dot dot-dirty" title={unsaved[t.id]} />}
            </button>
          ))}
        </nav>
      </header>
      {fn.problems.length > 0 && (
        <div className="problem-bar" role="alert" data-testid="function-problems">
          <Icon name="warning" size={14} />
          <span>This function cannot run until fixed: {fn.problems.join('; ')}</span>
        </div>
      )}
      <div className="tab-body" role="tabpanel">
        {tab === 'code' && <CodeTab fn={fn} />}
        {tab === 'test' && <TestTab fn={fn} />}
        {tab === 'config' && <ConfigTab fn={fn} />}
        {tab === 'env' && <EnvTab fn={fn} />}
        {tab === 'triggers' && <TriggersTab fn={fn} />}
        {tab === 'logs' && <LogsTab fn={fn} />}
        {tab === 'monitor' && <MonitorView logicalId={fn.logicalId} memorySizeMb={fn.memorySizeMb} />}
      </div>
    </div>
  );
}
