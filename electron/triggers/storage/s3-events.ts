/** S3 event notifications (ARCHITECTURE.md, Lambda behaviour 9): which triggers an object change reaches, and the record. */
import { randomBytes } from 'node:crypto';
import { s3EncodeKey } from '../../../shared/events/data-events.js';
import type { S3Trigger } from '../../../shared/domain/triggers.js';
import type { ObjectChange } from './bucket-folder.js';

/** Does `s3:ObjectCreated:*` (or `s3:ObjectCreated:Put`, ...) cover this event, and do the key filters pass? */
export function s3Matches(trigger: S3Trigger, change: Pick<ObjectChange, 'eventName' | 'key'>): boolean {
  const typeOk = trigger.events.some((e) => {
    const name = e.replace(/^s3:/, '');
    return name.endsWith(':*') ? change.eventName.startsWith(name.slice(0, -1)) : name === change.eventName;
  });
  // S3 matches prefix and suffix against the key as written (not encoded).
  return typeOk && (!trigger.prefix || change.key.startsWith(trigger.prefix)) && (!trigger.suffix || change.key.endsWith(trigger.suffix));
}

/** Increasing hex, per bucket: S3's sequencer orders events of the same key. */
export class Sequencer {
  private last = 0n;

  next(): string {
    const now = BigInt(Date.now()) << 16n;
    this.last = now > this.last ? now : this.last + 1n;
    return this.last.toString(16).toUpperCase().padStart(18, '0');
  }
}

export interface S3RecordContext {
  bucketName: string;
  region: string;
  configurationId: string;
  sequencer: string;
  time?: Date;
}

export function s3Event(change: ObjectChange, ctx: S3RecordContext): { Records: unknown[] } {
  const object = change.eventName.startsWith('ObjectCreated:')
    ? { key: s3EncodeKey(change.key), size: change.size ?? 0, eTag: change.eTag ?? '', sequencer: ctx.sequencer }
    : { key: s3EncodeKey(change.key), sequencer: ctx.sequencer };
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: ctx.region,
        eventTime: (ctx.time ?? new Date()).toISOString(),
        eventName: change.eventName,
        userIdentity: { principalId: 'AWS:FAASLABLOCAL' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(36).toString('base64') },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: ctx.configurationId,
          bucket: { name: ctx.bucketName, ownerIdentity: { principalId: 'FAASLABLOCAL' }, arn: `arn:aws:s3:::${ctx.bucketName}` },
          object,
        },
      },
    ],
  };
}
