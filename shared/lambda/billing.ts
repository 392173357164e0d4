import type { Architecture } from '../domain/function-config.js';

/** us-east-1 first-tier prices (ARCHITECTURE.md, Lambda behaviour 11). Every figure derived from them is an estimate. */
export const PRICES = {
  perRequest: 0.2 / 1_000_000,
  perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 } satisfies Record<Architecture, number>,
  freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
} as const;

/** Lambda bills whole milliseconds, rounded up; a 0 ms run still bills 1 ms. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

export function gbSeconds(memoryMb: number, billedMs: number): number {
  return (memoryMb / 1024) * (billedMs / 1000);
}

/** Estimated cost in USD of one invocation, ignoring the free tier. */
export function invocationCost(memoryMb: number, billedMs: number, architecture: Architecture = 'x86_64'): number {
  return PRICES.perRequest + gbSeconds(memoryMb, billedMs) * PRICES.perGbSecond[architecture];
}
