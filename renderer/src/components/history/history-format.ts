/** The badge class of an invocation status, in the list and in the detail. */
export function statusClass(status: string): string {
  return status === 'success' ? 'badge-success' : status === 'throttled' ? 'badge-warn' : 'badge-danger';
}

/** Local time of day to the millisecond: invocations of one session are told apart by it. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** What started an invocation, as the list and the detail name it: no trigger is a UI (or API) run. */
export function triggerLabel(trigger: { kind: string; route?: string } | undefined): string {
  return trigger ? `${trigger.kind}${trigger.route ? ` ${trigger.route}` : ''}` : 'ui';
}
