import { useUi } from '../../store/ui.js';
import { DeleteFunctionDialog, NewFunctionDialog, RenameFunctionDialog } from '../functions/function-dialogs.js';
import { CreateWorkspaceDialog, OpenWorkspaceDialog } from '../workspace/workspace-dialogs.js';
import { WorkspaceSettingsDialog } from '../workspace/settings-dialog.js';

export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  switch (dialog?.kind) {
    case 'new-function':
      return <NewFunctionDialog />;
    case 'rename-function':
      return <RenameFunctionDialog key={dialog.logicalId} logicalId={dialog.logicalId} />;
    case 'delete-function':
      return <DeleteFunctionDialog key={dialog.logicalId} logicalId={dialog.logicalId} />;
    case 'open-workspace':
      return <OpenWorkspaceDialog />;
    case 'create-workspace':
      return <CreateWorkspaceDialog />;
    case 'workspace-settings':
      return <WorkspaceSettingsDialog />;
    default:
      return null;
  }
}
