import type { AwsCall } from '../../../../shared/domain/aws-call.js';
import { formatMs } from '../../lib/format.js';

const SERVICE_LABELS: Record<string, string> = { s3: 'S3', dynamodb: 'DynamoDB', sqs: 'SQS', sns: 'SNS', events: 'EventBridge' };

/**
 * The AWS calls an invocation made through the local endpoint, as a timeline: each call's bar
 * sits where it happened within the invocation (init included), so a slow or failed call, or
 * calls made one after another that could have run together, show at a glance.
 */
export function AwsCalls({ calls, startedAt, initMs, durationMs }: { calls: AwsCall[]; startedAt: string; initMs: number; durationMs: number }) {
  // startedAt is when the invocation was asked for; init (on a cold start) comes first.
  const origin = Date.parse(startedAt);
  const span = Math.max(initMs + durationMs, ...calls.map((c) => c.startedAt - origin + c.durationMs), 1);
  return (
    <ol className="aws-calls" data-testid="history-aws-calls">
      {calls.map((c, i) => {
        const at = Math.max(0, c.startedAt - origin);
        const failed = c.status >= 400;
        return (
          <li key={i} className={`aws-call${failed ? ' is-failed' : ''}`} data-testid="history-aws-call" title={`${formatMs(at)} after the invocation started, took ${formatMs(c.durationMs)}`}>
            <span className="aws-call-label">
              <span className="aws-call-service">{SERVICE_LABELS[c.service] ?? c.service}</span> {c.operation}
              {c.resource && <span className="aws-call-resource mono"> {c.resource}</span>}
            </span>
            <span className="aws-call-track">
              <span className="aws-call-bar" style={{ left: `${(at / span) * 100}%`, width: `max(2px, ${(c.durationMs / span) * 100}%)` }} />
            </span>
            <span className="aws-call-status mono">
              {c.errorCode ?? c.status} · {formatMs(c.durationMs)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
