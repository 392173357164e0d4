import { describe, expect, it } from 'vitest';
import { PushBus } from '../../../electron/services/push-bus.js';
import type { Push } from '../../../electron/services/host-types.js';

const push = (n: number): Push => ({ event: 'file', data: { logicalId: 'Fn', path: `f${n}` } });

describe('PushBus', () => {
  it('gives every push to every subscriber, in order, even when one of them throws', () => {
    const bus = new PushBus();
    const a: Push[] = [];
    const b: Push[] = [];
    bus.subscribe((p) => a.push(p));
    bus.subscribe(() => {
      throw new Error('a closed socket');
    });
    bus.subscribe((p) => b.push(p));
    bus.publish(push(1));
    bus.publish(push(2));
    expect(a).toEqual([push(1), push(2)]);
    expect(b).toEqual(a);
  });

  it('stops giving pushes to one that unsubscribed, and to all once cleared', () => {
    const bus = new PushBus();
    const a: Push[] = [];
    const b: Push[] = [];
    const listenerA = (p: Push) => a.push(p);
    const stopA = bus.subscribe(listenerA);
    bus.subscribe((p) => b.push(p));
    stopA();
    expect(bus.has(listenerA)).toBe(false);
    bus.publish(push(1));
    bus.clear();
    bus.publish(push(2));
    expect(a).toEqual([]);
    expect(b).toEqual([push(1)]);
  });
});
