import { describe, expect, it } from 'vitest';
import { traceHeader } from '../../../shared/lambda/trace-header.js';

/** Deterministic "random" digits: byte i of each call is i. */
const counting = (bytes: number) => Array.from({ length: bytes }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const AT = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));

describe('traceHeader', () => {
  it("is API Gateway's X-Amzn-Trace-Id: a root with the epoch second in hex and 24 random digits", () => {
    expect(traceHeader(AT, counting)).toBe(`Root=1-${Math.floor(AT.getTime() / 1000).toString(16)}-000102030405060708090a0b`);
  });

  it("is Lambda's trace id with a parent segment, sampling and lineage", () => {
    const header = traceHeader(AT, counting, { lineage: 'faaslab' });
    expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=0001020304050607;Sampled=0;Lineage=faaslab$/);
  });
});
