import { useTest } from '../../store/test-events.js';
import { useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';

/** Saved events (events/): a click loads one into the selected function's Test tab. */
export function SidebarEvents() {
  const events = useTest((s) => s.events);
  const selectedId = useWorkspace((s) => s.selectedId);
  const hasWorkspace = useWorkspace((s) => s.info !== null);
  const selectEvent = useTest((s) => s.selectEvent);
  const setTab = useUi((s) => s.setTab);
  return (
    <section className="sidebar-section" aria-label="Saved events">
      <header className="sidebar-section-header">
        <span>Saved events</span>
        <span className="count-pill">{events.length}</span>
      </header>
      {events.length === 0 && hasWorkspace && <p className="sidebar-empty">Save an event from a function's Test tab; it goes to events/.</p>}
      <ul className="event-list-sidebar">
        {events.map((e) => (
          <li key={e.name}>
            <button
              type="button"
              className="sidebar-event"
              data-testid={`sidebar-event-${e.name}`}
              disabled={!selectedId}
              title={selectedId ? `Use in ${selectedId}'s Test tab` : 'Select a function first'}
              onClick={() => {
                if (!selectedId) return;
                selectEvent(selectedId, e.name);
                setTab(selectedId, 'test');
              }}
            >
              <Icon name="file" size={13} />
              <span>{e.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
