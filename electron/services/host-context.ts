import type { EnvironmentsMonitor } from './environments-monitor.js';
import type { Push } from './host-types.js';
import type { InvocationTracker } from './invocation-tracker.js';
import type { LogRing } from './log-ring.js';
import type { RecentWorkspaces } from './recent-workspaces.js';
import type { WorkspaceSession } from './workspace-session.js';

/** What every area's handlers share: the open workspace and the host-wide helpers. */
export interface HostContext {
  /** The workspace open now; workspace.open and workspace.create replace it. */
  session(): WorkspaceSession;
  /** Closes the open workspace and opens `dir` (the old one stays open if `dir` cannot be loaded). */
  openWorkspace(dir: string): Promise<WorkspaceSession>;
  readonly recent: RecentWorkspaces;
  readonly logs: LogRing;
  readonly invocations: InvocationTracker;
  readonly environments: EnvironmentsMonitor;
  push(p: Push): void;
}
