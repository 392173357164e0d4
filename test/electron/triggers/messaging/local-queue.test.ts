/** The in-memory queue on a controlled clock: delays, visibility timeouts, receive counts, redrive. */
import { describe, expect, it } from 'vitest';
import { LocalQueue, md5 } from '../../../../electron/triggers/messaging/local-queue.js';
import type { QueueConfig } from '../../../../electron/workspace/read/messaging-loader.js';
import { batchItemFailures } from '../../../../electron/triggers/messaging/sqs-poller.js';
import { matchesFilterPolicy } from '../../../../electron/triggers/messaging/sns.js';

function config(id: string, extra: Partial<QueueConfig> = {}): QueueConfig {
  return {
    logicalId: id,
    queueName: id,
    arn: `arn:aws:sqs:us-east-1:123456789012:${id}`,
    url: `u/${id}`,
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345_600,
    delaySeconds: 0,
    fifo: false,
    ...extra,
  };
}

function pair(maxReceiveCount = 2) {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const queues = new Map<string, LocalQueue>();
  const dlq = new LocalQueue(config('Dlq'), { now: clock.now });
  const main = new LocalQueue(config('Main', { redrive: { deadLetterQueue: 'Dlq', maxReceiveCount } }), { now: clock.now, deadLetter: (id) => queues.get(id) });
  queues.set('Dlq', dlq);
  return { clock, dlq, main };
}

describe('LocalQueue', () => {
  it('sends with an id, md5 and SentTimestamp, and hides delayed messages until their delay ends', () => {
    const { clock, main } = pair();
    const m = main.send('hello', { delaySeconds: 5 });
    expect(m.md5OfBody).toBe(md5('hello'));
    expect(m.md5OfBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(m.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(main.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect(main.receive(10)).toEqual([]);
    clock.advance(5_000);
    const [got] = main.receive(10);
    expect(got).toMatchObject({ body: 'hello', receiveCount: 1, sentTimestamp: 1_000_000, firstReceiveTimestamp: 1_005_000 });
    expect(got!.receiptHandle).toBeTruthy();
  });

  it('keeps a received message in flight for the visibility timeout, then hands it out again with a higher count', () => {
    const { clock, main } = pair(5);
    main.send('a');
    const first = main.receive(1, 2)[0]!;
    expect(main.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    clock.advance(1_999);
    expect(main.receive(1)).toEqual([]);
    clock.advance(1);
    const second = main.receive(1)[0]!;
    expect(second.receiveCount).toBe(2);
    expect(second.firstReceiveTimestamp).toBe(first.firstReceiveTimestamp);
    expect(main.delete(first.receiptHandle!)).toBe(false); // an old handle
    expect(main.delete(second.receiptHandle!)).toBe(true);
    expect(main.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('moves a message to the dead-letter queue on the receive after maxReceiveCount', () => {
    const { clock, main, dlq } = pair(2);
    const sent = main.send('poison');
    main.receive(1, 1);
    clock.advance(1_000);
    main.receive(1, 1);
    clock.advance(1_000);
    expect(main.receive(1, 1)).toEqual([]);
    expect(main.counts().visible + main.counts().inFlight).toBe(0);
    const [moved] = dlq.receive(1);
    expect(moved).toMatchObject({ messageId: sent.messageId, body: 'poison', receiveCount: 1, sentTimestamp: sent.sentTimestamp, deadLetterSourceArn: main.config.arn });
  });

  it('drops messages past the retention period, and purges', () => {
    const { clock, main } = pair();
    main.config.messageRetentionSeconds = 60;
    main.send('old');
    clock.advance(61_000);
    main.send('new');
    expect(main.peek().map((m) => m.body)).toEqual(['new']);
    expect(main.purge()).toBe(1);
  });

  it('FIFO: one message of a group in flight at a time, in order', () => {
    const q = new LocalQueue(config('F.fifo', { fifo: true }));
    expect(() => q.send('x')).toThrow(/MessageGroupId/);
    q.send('1', { messageGroupId: 'g' });
    q.send('2', { messageGroupId: 'g' });
    q.send('3', { messageGroupId: 'h' });
    expect(q.receive(10).map((m) => m.body)).toEqual(['1', '3']);
  });

  it('FIFO: a deduplication id seen in the last 5 minutes answers with the original and enqueues nothing, even once it was deleted', () => {
    let now = 1_000_000;
    const q = new LocalQueue(config('D.fifo', { fifo: true }), { now: () => now });
    const first = q.send('a', { messageGroupId: 'g', deduplicationId: 'd1' });
    const again = q.send('other body', { messageGroupId: 'g', deduplicationId: 'd1' });
    expect(again.messageId).toBe(first.messageId);
    expect(again.sequenceNumber).toBe(first.sequenceNumber);
    expect(q.counts().visible).toBe(1);
    q.delete(q.receive(1)[0]!.receiptHandle!);
    now += 4 * 60_000;
    expect(q.send('a', { messageGroupId: 'g', deduplicationId: 'd1' }).messageId).toBe(first.messageId);
    expect(q.counts().visible).toBe(0);
    now += 61_000;
    expect(q.send('a', { messageGroupId: 'g', deduplicationId: 'd1' }).messageId).not.toBe(first.messageId);
    expect(q.counts().visible).toBe(1);
  });

  it('FIFO: ContentBasedDeduplication deduplicates by the body; a standard queue never deduplicates', () => {
    const q = new LocalQueue(config('C.fifo', { fifo: true, contentBasedDeduplication: true }));
    const first = q.send('same', { messageGroupId: 'g' });
    expect(first.deduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(q.send('same', { messageGroupId: 'h' }).messageId).toBe(first.messageId);
    expect(q.send('different', { messageGroupId: 'g' }).messageId).not.toBe(first.messageId);
    const standard = new LocalQueue(config('S'));
    expect(standard.send('x', { deduplicationId: 'd' }).messageId).not.toBe(standard.send('x', { deduplicationId: 'd' }).messageId);
  });
});

describe('partial batch responses', () => {
  const batch = [{ messageId: 'a' }, { messageId: 'b' }] as never;
  it('reads batchItemFailures as Lambda does', () => {
    expect(batchItemFailures(null, batch)).toEqual(new Set());
    expect(batchItemFailures({}, batch)).toEqual(new Set());
    expect(batchItemFailures({ batchItemFailures: [] }, batch)).toEqual(new Set());
    expect(batchItemFailures({ batchItemFailures: [{ itemIdentifier: 'b' }] }, batch)).toEqual(new Set(['b']));
    expect(batchItemFailures({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, batch)).toBeUndefined();
    expect(batchItemFailures({ batchItemFailures: [{ itemIdentifier: '' }] }, batch)).toBeUndefined();
    expect(batchItemFailures({ batchItemFailures: [{ id: 'a' }] }, batch)).toBeUndefined();
    expect(batchItemFailures('nonsense', batch)).toBeUndefined();
  });
});

describe('SNS filter policies', () => {
  it('matches exact strings, numbers, prefixes, anything-but and exists', () => {
    expect(matchesFilterPolicy(undefined, {})).toBe(true);
    expect(matchesFilterPolicy({ color: ['red', 'blue'] }, { color: 'blue' })).toBe(true);
    expect(matchesFilterPolicy({ color: ['red'] }, { color: 'green' })).toBe(false);
    expect(matchesFilterPolicy({ color: ['red'] }, {})).toBe(false);
    expect(matchesFilterPolicy({ n: [5] }, { n: '5.0' })).toBe(true);
    expect(matchesFilterPolicy({ env: [{ prefix: 'prod-' }] }, { env: 'prod-eu' })).toBe(true);
    expect(matchesFilterPolicy({ env: [{ 'anything-but': ['dev'] }] }, { env: 'dev' })).toBe(false);
    expect(matchesFilterPolicy({ env: [{ exists: false }] }, {})).toBe(true);
    expect(matchesFilterPolicy({ a: ['x'], b: ['y'] }, { a: 'x' })).toBe(false);
  });

  it('matches typed attributes as SNS does: strings by string rules, numbers by numeric ones, each String.Array element, never Binary', () => {
    expect(matchesFilterPolicy({ n: ['5'] }, { n: { Type: 'Number', Value: '5' } })).toBe(false);
    expect(matchesFilterPolicy({ n: [5] }, { n: { Type: 'String', Value: '5' } })).toBe(false);
    expect(matchesFilterPolicy({ n: [5] }, { n: { Type: 'Number', Value: '5' } })).toBe(true);
    expect(matchesFilterPolicy({ n: [{ numeric: ['>=', 100, '<', 200] }] }, { n: { Type: 'Number', Value: '150' } })).toBe(true);
    expect(matchesFilterPolicy({ n: [{ numeric: ['>=', 100, '<', 200] }] }, { n: { Type: 'Number', Value: '200' } })).toBe(false);
    expect(matchesFilterPolicy({ n: [{ numeric: ['=', 3] }] }, { n: '3' })).toBe(true);
    expect(matchesFilterPolicy({ tag: ['b'] }, { tag: { Type: 'String.Array', Value: '["a","b"]' } })).toBe(true);
    expect(matchesFilterPolicy({ tag: ['c'] }, { tag: { Type: 'String.Array', Value: '["a","b"]' } })).toBe(false);
    expect(matchesFilterPolicy({ bin: [{ exists: true }] }, { bin: { Type: 'Binary', Value: 'AAE=' } })).toBe(false);
  });
});
