import { MOD } from '../../lib/platform.js';
import { selectResolvedTheme, useUi } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { FunctionList } from '../functions/function-list.js';
import { SidebarEvents } from '../test/sidebar-events.js';
import { SidebarResources } from '../triggers/sidebar-resources.js';
import { WorkspaceSection } from '../workspace/workspace-section.js';

export function Sidebar() {
  const theme = useUi(selectResolvedTheme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const openPalette = useUi((s) => s.setPaletteOpen);
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="lambda" size={16} />
        </span>
        <span className="brand-name">faaslab</span>
        <span className="spacer" />
        <button type="button" className="icon-button" title={`Command palette (${MOD}Shift+P)`} aria-label="Command palette" onClick={() => openPalette(true)}>
          <Icon name="command" />
        </button>
        <button
          type="button"
          className="icon-button"
          data-testid="theme-toggle"
          title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          aria-label="Toggle theme"
          onClick={toggleTheme}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
      </div>
      <WorkspaceSection />
      <div className="sidebar-scroll">
        <FunctionList />
        <SidebarResources />
        <SidebarEvents />
      </div>
    </aside>
  );
}
