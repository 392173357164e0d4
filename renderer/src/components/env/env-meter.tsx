import { LIMITS } from '../../../../shared/lambda/limits.js';
import { formatBytes } from '../../lib/format.js';

/** Lambda's 4 KB quota on a function's variables (keys and values, UTF-8). */
export function EnvMeter({ bytes, inherited }: { bytes: number; inherited: number }) {
  const limit = LIMITS.environmentBytes;
  const over = bytes > limit;
  const ratio = Math.min(bytes / limit, 1);
  return (
    <div className={`env-meter ${over ? 'is-over' : ratio > 0.85 ? 'is-near' : ''}`} data-testid="env-meter" data-bytes={bytes} data-over={over}>
      <div className="env-meter-text">
        <span>
          <strong>{formatBytes(bytes)}</strong> of {formatBytes(limit)} bytes
        </span>
        {inherited > 0 && <span className="muted"> · {formatBytes(inherited)} from Globals</span>}
        {over && <span className="env-meter-over"> — over Lambda's 4 KB limit: a deploy would fail</span>}
      </div>
      <div className="env-meter-track" role="meter" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={bytes} aria-label="Environment variables size">
        <div className="env-meter-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
