import { useEffect, useState } from 'react';
import type { ScheduleInfo } from '../../../../shared/api/schemas.js';
import { formatMs } from '../../lib/format.js';
import { useTriggers } from '../../store/triggers.js';
import { toastError } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { STATUS_TONE } from './trigger-status.js';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DAY_TIME = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** Local time; today's times without the date. */
function shortLocal(d: Date, now: number): string {
  return d.toDateString() === new Date(now).toDateString() ? TIME.format(d) : DAY_TIME.format(d);
}

/** The tooltip: local date and time, UTC, and how far away. */
function fireTitle(iso: string, now: number): string {
  return `${FULL.format(new Date(iso))}\n${iso.replace('T', ' ').replace(/\.\d+Z$/, '')} UTC\n${fromNow(iso, now)}`;
}

/** "in 4 min", "in 3 h", "in 2 days". */
function fromNow(iso: string, now: number): string {
  const s = Math.max(0, Math.round((Date.parse(iso) - now) / 1000));
  if (s < 60) return `in ${s} s`;
  if (s < 3600) return `in ${Math.round(s / 60)} min`;
  if (s < 86_400 * 2) return `in ${Math.round(s / 3600)} h`;
  return `in ${Math.round(s / 86_400)} days`;
}

export function ScheduleList({ schedules }: { schedules: ScheduleInfo[] }) {
  const load = useTriggers((s) => s.load);
  const now = useNow(15_000);
  // The host pushes when schedules change, not as time passes: once the earliest upcoming time
  // is over, ask again for the next five.
  const earliest = Math.min(...schedules.flatMap((s) => s.nextFireTimes.map(Date.parse)));
  useEffect(() => {
    if (!Number.isFinite(earliest)) return;
    const t = setTimeout(() => void load(), Math.max(1000, earliest - Date.now() + 1500));
    return () => clearTimeout(t);
  }, [earliest, load]);

  if (schedules.length === 0) return <p className="trigger-empty">No schedules. Add one with Add trigger, or a Schedule or ScheduleV2 event in template.yaml.</p>;
  return (
    <ul className="schedule-list">
      {schedules.map((s) => (
        <ScheduleRow key={s.id} schedule={s} now={now} />
      ))}
    </ul>
  );
}

function ScheduleRow({ schedule: s, now }: { schedule: ScheduleInfo; now: number }) {
  const setEnabled = useTriggers((st) => st.setEnabled);
  const fire = useTriggers((st) => st.fire);
  const fired = useTriggers((st) => st.fired[s.id]);
  // The switch moves at once; the host's answer (or a failure) settles it.
  const [pending, setPending] = useState<boolean>();
  const enabled = pending ?? s.enabled;
  const upcoming = s.nextFireTimes.filter((t) => Date.parse(t) > now - 1000);
  const name = s.eventName;

  const toggle = async (next: boolean) => {
    setPending(next);
    try {
      await setEnabled(s.id, next);
    } catch (e) {
      toastError(e);
    } finally {
      setPending(undefined);
    }
  };

  return (
    <li className={`schedule-row ${s.enabled && !s.error ? '' : 'is-off'}`} data-testid={`schedule-${name}`}>
      <div className="schedule-head">
        <span className="schedule-icon" aria-hidden="true">
          <Icon name="clock" size={14} />
        </span>
        <div className="schedule-text">
          <span className="schedule-name">{name}</span>
          {s.description !== s.expression && (
            <span className="schedule-desc" data-testid={`schedule-description-${name}`}>
              {s.description}
              {s.timezone && !s.description.includes(s.timezone) && <span className="muted"> ({s.timezone})</span>}
            </span>
          )}
          <code className="schedule-expr">{s.expression || '(no expression)'}</code>
        </div>
        <label className="switch" title="A run-time switch, like disabling the rule in the console: template.yaml is not changed">
          <input
            type="checkbox"
            role="switch"
            data-testid={`schedule-toggle-${name}`}
            checked={enabled}
            disabled={pending !== undefined || !!s.error}
            onChange={(e) => void toggle(e.target.checked)}
          />
          <span>{s.error ? 'Never fires' : enabled ? 'Enabled' : 'Disabled'}</span>
        </label>
        <button
          type="button"
          className="btn btn-small"
          data-testid={`schedule-fire-${name}`}
          disabled={fired?.running || !!s.error}
          title="Invoke the function now with the scheduled event, enabled or not"
          onClick={() => void fire(s.id)}
        >
          {fired?.running ? <span className="spinner" /> : <Icon name="play" size={12} />} Fire now
        </button>
      </div>
      {s.error && (
        <p className="schedule-error" role="alert" data-testid={`schedule-error-${name}`}>
          <Icon name="warning" size={13} /> {s.error}
        </p>
      )}
      {!s.error && upcoming.length > 0 && (
        <div className="schedule-next" data-testid={`schedule-next-${name}`}>
          <span className="schedule-next-label">Next</span>
          {upcoming.map((t, i) => (
            <span key={t} className="chip mono" title={fireTitle(t, now)}>
              {shortLocal(new Date(t), now)}
              {i === 0 && <span className="muted"> · {fromNow(t, now)}</span>}
            </span>
          ))}
        </div>
      )}
      {!s.error && !s.enabled && <p className="schedule-off-note">Disabled: it does not fire until enabled again (Fire now still works).</p>}
      {fired && !fired.running && <FireOutcome name={name} fired={fired} />}
    </li>
  );
}

function FireOutcome({ name, fired }: { name: string; fired: NonNullable<ReturnType<typeof useTriggers.getState>['fired'][string]> }) {
  if (fired.error) {
    return (
      <p className="schedule-error" role="alert" data-testid={`schedule-result-${name}`} data-status="failed">
        <Icon name="warning" size={13} /> {fired.error}
      </p>
    );
  }
  const r = fired.record!;
  return (
    <div className="fire-outcome" data-testid={`schedule-result-${name}`} data-status={r.status}>
      <span className={`badge badge-${STATUS_TONE[r.status] ?? 'danger'}`}>{r.status}</span>
      <span>{formatMs(r.durationMs)}</span>
      {r.coldStart && <span className="chip chip-cold">Cold start</span>}
      {r.error && (
        <span className="fire-error">
          {r.error.errorType}: {r.error.errorMessage}
        </span>
      )}
      <span className="request-id" title={`Request id ${r.requestId}`}>
        {r.requestId}
      </span>
    </div>
  );
}

/** The current time, ticking every `ms`. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
