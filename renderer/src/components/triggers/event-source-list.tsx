import { useState } from 'react';
import type { EventSource } from '../../../../shared/api/trigger-event-schemas.js';
import { errorMessage } from '../../api/index.js';
import { useTriggers } from '../../store/triggers.js';
import { ConfirmDialog } from '../common/confirm-dialog.js';
import { Icon } from '../common/icons.js';
import { FormError } from '../common/form-error.js';

const KIND = { sqs: 'SQS queue', sns: 'SNS topic', s3: 'S3 bucket', dynamodb: 'DynamoDB stream' } as const;

/** The function's SQS, SNS, S3 and DynamoDB events, each with its settings and a remove button. */
export function EventSourceList({ logicalId, sources }: { logicalId: string; sources: EventSource[] }) {
  const [removing, setRemoving] = useState<EventSource>();
  if (sources.length === 0) return <p className="trigger-empty">No queue, topic, bucket or stream events. Add one with Add trigger.</p>;
  return (
    <>
      <ul className="event-source-list">
        {sources.map((s) => (
          <li key={s.eventName} className="event-source" data-testid={`event-source-${s.eventName}`} data-kind={s.kind}>
            <span className="event-source-kind">{KIND[s.kind]}</span>
            <code className="event-source-resource">{s.resource}</code>
            <span className="event-source-name">{s.eventName}</span>
            <span className="event-source-settings">{s.settings}</span>
            {s.line !== undefined && <span className="problem-line">line {s.line}</span>}
            <button
              type="button"
              className="icon-button"
              title="Remove from template.yaml"
              aria-label={`Remove ${s.eventName}`}
              data-testid={`event-source-remove-${s.eventName}`}
              onClick={() => setRemoving(s)}
            >
              <Icon name="trash" size={14} />
            </button>
          </li>
        ))}
      </ul>
      {removing && <RemoveSource logicalId={logicalId} source={removing} onClose={() => setRemoving(undefined)} />}
    </>
  );
}

function RemoveSource({ logicalId, source, onClose }: { logicalId: string; source: EventSource; onClose(): void }) {
  const remove = useTriggers((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setBusy(true);
    try {
      await remove(logicalId, source.eventName);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={`Remove ${source.eventName}?`}
      testId="event-source-remove-dialog"
      onClose={onClose}
      onConfirm={() => void submit()}
      confirmLabel="Remove trigger"
      confirmTestId="event-source-remove-confirm"
      busy={busy}
    >
      <p>
        This deletes the event <strong>{source.eventName}</strong> ({KIND[source.kind]} <code>{source.resource}</code>) from {logicalId}'s Events in template.yaml; the {source.resource} resource
        stays.
      </p>
      <FormError error={error} />
    </ConfirmDialog>
  );
}
