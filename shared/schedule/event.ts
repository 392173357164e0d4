/** EventBridge's time: ISO 8601 in UTC without milliseconds. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A version 4 UUID, as EventBridge uses for event ids (Math.random: sample data, not secrets). */
function uuid(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

/** The EventBridge "Scheduled Event" a rule delivers to its Lambda target (ARCHITECTURE.md, Lambda behaviour 9). */
export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  /** ISO 8601 in UTC without milliseconds, e.g. 2026-11-27T10:15:00Z. */
  time: string;
  region: string;
  resources: [string];
  detail: Record<string, never>;
}

export interface ScheduledEventInput {
  ruleArn: string;
  /** The fire time (use a value from nextFireTimes). */
  time: Date;
  account: string;
  region: string;
  /** Event id; a fresh UUID v4 when omitted. */
  id?: string;
}

export function scheduledEvent({ ruleArn, time, account, region, id }: ScheduledEventInput): ScheduledEvent {
  return {
    version: '0',
    id: id ?? uuid(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: isoSeconds(time),
    region,
    resources: [ruleArn],
    detail: {},
  };
}
