import { LIMITS } from '../../shared/lambda/limits.js';

const MB = LIMITS.logBytesPerInvocation / (1024 * 1024);

/** The one line that says the rest of an invocation's log was dropped. */
export const LOG_BUDGET_NOTICE = `faaslab: this invocation wrote more than ${MB} MB of log; the rest of it is dropped`;

/**
 * How much log one invocation may write (LIMITS.logBytesPerInvocation): a function that floods
 * stdout must not fill the host's memory nor the history. Kept by the runtime, so a flood costs
 * the function, and again by the host, for output that bypasses the runtime (a write to fd 1).
 */
export class LogBudget {
  private used = 0;
  private over = false;

  constructor(private readonly limit: number = LIMITS.logBytesPerInvocation) {}

  reset(): void {
    this.used = 0;
    this.over = false;
  }

  /** The line to keep: the line, the notice when the budget has just run out, or undefined. */
  take(line: string): string | undefined {
    if (this.over) return undefined;
    this.used += line.length + 1;
    if (this.used <= this.limit) return line;
    this.over = true;
    return LOG_BUDGET_NOTICE;
  }
}
