/** Badge tones (indicators.css badge-*) for invocation statuses and HTTP status codes. */
export const STATUS_TONE: Record<string, string> = {
  success: 'success',
  error: 'danger',
  timeout: 'danger',
  throttled: 'warn',
  crashed: 'danger',
  oom: 'danger',
};

export function statusCodeTone(code: number): string {
  if (code < 300) return 'success';
  if (code < 400) return 'neutral';
  if (code < 500) return 'warn';
  return 'danger';
}
