import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { errorMessage } from '../../api/client.js';
import { client } from '../../api/index.js';
import { PRICES } from '../../../../shared/lambda/billing.js';
import { formatMs, formatUsd } from '../../lib/format.js';
import { selectResolvedTheme, useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { columns, costAt, RANGES, successRate, windowFor, type MetricsResult, type RangeId } from './metrics-model.js';
import { cssVar, UPlotChart } from './uplot-chart.js';

/** Metrics of one function (logicalId) or of the whole workspace (undefined), live. */
export function MonitorView({ logicalId, memorySizeMb, onClose }: { logicalId?: string; memorySizeMb?: number; onClose?: () => void }) {
  const [range, setRange] = useState<RangeId>('1h');
  const [data, setData] = useState<MetricsResult | null>(null);
  const [overall, setOverall] = useState<MetricsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const theme = useUi(selectResolvedTheme);
  const busy = useWorkspace((s) => (logicalId ? (s.environments[logicalId]?.busy ?? 0) : Object.values(s.environments).reduce((n, e) => n + e.busy, 0)));
  const seq = useRef(0);

  const load = useCallback(async () => {
    const w = windowFor(range);
    const my = ++seq.current;
    try {
      // Per bucket, and the whole window as one bucket for exact overall percentiles.
      const [m, all] = await Promise.all([
        client.call('metrics.query', { logicalId, ...w }),
        client.call('metrics.query', { logicalId, from: w.from, to: w.to, bucketSeconds: (w.to - w.from) / 1000 }),
      ]);
      if (my !== seq.current) return;
      setData(m);
      setOverall(all);
      setError(null);
    } catch (e) {
      if (my === seq.current) setError(errorMessage(e));
    }
  }, [logicalId, range]);

  useEffect(() => {
    void load();
    // The window slides every 30 s; each invocation refetches, debounced.
    const every = setInterval(() => void load(), 30_000);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('invocation', (rec) => {
      if (logicalId && rec.logicalId !== logicalId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 500);
    });
    return () => {
      clearInterval(every);
      clearTimeout(timer);
      off();
    };
  }, [load, logicalId]);

  const cols = useMemo(() => (data ? columns(data) : null), [data]);
  const t = data?.totals;
  const rate = t ? successRate(t) : undefined;
  const d = overall?.buckets[0]?.duration;
  const ran = overall?.buckets[0] ? overall.buckets[0].invocations - overall.buckets[0].throttles : 0;
  const both = t ? costAt(t.requests, t.gbSeconds) : undefined;

  return (
    <div className="monitor-view" data-testid={logicalId ? 'monitor-view' : 'workspace-monitor-view'}>
      <div className="monitor-toolbar">
        {!logicalId && <h1 className="monitor-title">Workspace monitor</h1>}
        <select className="input input-small" data-testid="metrics-range" value={range} aria-label="Time range" onChange={(e) => setRange(e.target.value as RangeId)}>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        <span className="muted text-small">
          {data ? `${data.buckets.length} buckets of ${data.bucketSeconds >= 60 ? `${data.bucketSeconds / 60} min` : `${data.bucketSeconds} s`} · live` : 'Loading…'}
        </span>
        <span className="spacer" />
        {error && (
          <span className="monitor-error" role="alert">
            {error}
          </span>
        )}
        {onClose && (
          <button type="button" className="btn btn-small" data-testid="monitor-close" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      <div className="metric-cards">
        <Card testId="metrics-invocations" label="Invocations" value={t ? String(t.invocations) : '—'} />
        <Card
          testId="metrics-errors"
          label="Errors"
          value={t ? String(t.errors) : '—'}
          sub={rate === undefined ? 'no runs' : `${Number((rate * 100).toFixed(1))}% success`}
          tone={t && t.errors > 0 ? 'danger' : undefined}
        />
        <Card testId="metrics-throttles" label="Throttles" value={t ? String(t.throttles) : '—'} tone={t && t.throttles > 0 ? 'warn' : undefined} />
        <Card testId="metrics-cold" label="Cold starts" value={t ? String(t.coldStarts) : '—'} />
        <Card testId="metrics-duration-p50" label="Duration p50" value={ran > 0 && d ? formatMs(d.p50) : '—'} sub={ran > 0 && d ? `avg ${formatMs(d.avg)}` : undefined} />
        <Card testId="metrics-duration-p99" label="Duration p99" value={ran > 0 && d ? formatMs(d.p99) : '—'} sub={ran > 0 && d ? `max ${formatMs(d.max)}` : undefined} />
        <Card
          testId="metrics-concurrency"
          label="Concurrent now"
          value={String(busy)}
          sub="busy environments"
          title="Execution environments running an invocation right now (live). A per-bucket maximum of concurrent executions cannot be derived from the bucket summaries, so it is shown as a current value."
        />
        <div className="metric-card metric-card-wide" data-testid="metrics-cost">
          <span className="metric-label">
            Cost <span className="chip chip-small">estimate</span>
          </span>
          <span className="metric-value">{t ? formatUsd(t.costUsd) : '—'}</span>
          {both && (
            <span className="metric-sub">
              x86_64 {formatUsd(both.x86_64)} · arm64 {formatUsd(both.arm64)} · {t!.requests} requests, {t!.gbSeconds.toFixed(3)} GB-s
            </span>
          )}
          {t && (
            <span
              className="metric-sub"
              data-testid="metrics-free-tier"
              title={`Monthly free tier: ${PRICES.freeTier.requests.toLocaleString()} requests and ${PRICES.freeTier.gbSeconds.toLocaleString()} GB-s`}
            >
              Free tier covers {formatUsd(t.freeTier.coveredUsd)} ({t.freeTier.requests.toLocaleString()} req, {t.freeTier.gbSeconds.toFixed(3)} GB-s) → after free tier{' '}
              {formatUsd(t.costAfterFreeTierUsd < 1e-12 ? 0 : t.costAfterFreeTierUsd)}
            </span>
          )}
        </div>
      </div>
      {cols && (
        <div className="metric-charts">
          <Chart
            title="Invocations, errors, throttles"
            testId="metrics-chart-invocations"
            theme={theme}
            series={[
              { label: 'Invocations', color: '--accent', bars: true },
              { label: 'Errors', color: '--danger' },
              { label: 'Throttles', color: '--warn' },
            ]}
            data={[cols.x, cols.inv, cols.err, cols.thr]}
          />
          <Chart
            title="Duration (ms)"
            testId="metrics-chart-duration"
            theme={theme}
            series={[
              { label: 'avg', dots: true, color: '--link' },
              { label: 'p50', dots: true, color: '--success' },
              { label: 'p90', dots: true, color: '--accent' },
              { label: 'p99', dots: true, color: '--danger' },
              { label: 'max', dots: true, color: '--text-dim', dash: true },
            ]}
            data={[cols.x, cols.avg, cols.p50, cols.p90, cols.p99, cols.max]}
          />
          <Chart
            title="Cold starts and avg Init Duration (ms)"
            testId="metrics-chart-cold"
            theme={theme}
            series={[
              { label: 'Cold starts', color: '--accent', bars: true },
              { label: 'Init ms', color: '--link', scale: 'ms', dots: true },
            ]}
            data={[cols.x, cols.cold, cols.init]}
          />
          <Chart
            title={memorySizeMb ? `Max Memory Used (MB) of ${memorySizeMb} MB` : 'Max Memory Used (MB)'}
            testId="metrics-chart-memory"
            theme={theme}
            series={
              memorySizeMb
                ? [
                    { label: 'Max used', color: '--accent', dots: true },
                    { label: 'Memory size', color: '--text-dim', dash: true },
                  ]
                : [{ label: 'Max used', color: '--accent', dots: true }]
            }
            data={memorySizeMb ? [cols.x, cols.mem, cols.x.map(() => memorySizeMb)] : [cols.x, cols.mem]}
          />
          <Chart title="Cost per bucket (USD, estimate)" testId="metrics-chart-cost" theme={theme} series={[{ label: 'Cost', color: '--success', bars: true, usd: true }]} data={[cols.x, cols.cost]} />
        </div>
      )}
      {!cols && !error && <p className="muted">Loading metrics…</p>}
    </div>
  );
}

function Card({ testId, label, value, sub, tone, title }: { testId: string; label: string; value: string; sub?: string; tone?: 'danger' | 'warn'; title?: string }) {
  return (
    <div className={`metric-card ${tone ? `is-${tone}` : ''}`} data-testid={testId} title={title}>
      <span className="metric-label">{label}</span>
      <span className="metric-value">{value}</span>
      {sub && <span className="metric-sub">{sub}</span>}
    </div>
  );
}

interface SeriesSpec {
  label: string;
  color: string;
  bars?: boolean;
  dash?: boolean;
  scale?: string;
  usd?: boolean;
  /** Gappy series (empty buckets are null): draw the points, a lone bucket has no line. */
  dots?: boolean;
}

function Chart({ title, testId, series, data, theme }: { title: string; testId: string; series: SeriesSpec[]; data: uPlot.AlignedData; theme: string }) {
  const opts = useCallback((): Omit<uPlot.Options, 'width' | 'height'> => {
    const text = cssVar('--text-muted');
    const grid = cssVar('--border');
    const axis = (scale?: string, side?: number, usd?: boolean): uPlot.Axis => ({
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: '11px system-ui, sans-serif',
      ...(scale ? { scale } : {}),
      ...(side !== undefined ? { side } : {}),
      size: 56,
      ...(usd ? { values: (_u: uPlot, vals: number[]) => vals.map((v) => (v === 0 ? '0' : `$${v.toPrecision(2)}`)) } : {}),
    });
    const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
    const hasMs = series.some((s) => s.scale === 'ms');
    return {
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] },
        ...(hasMs ? { ms: { range: (_u: uPlot, _min: number | null, max: number | null) => [0, Math.max(1, max ?? 1) * 1.1] } } : {}),
      },
      axes: [
        { ...axis(), size: 46 },
        axis(
          'y',
          undefined,
          series.some((s) => s.usd),
        ),
        ...(hasMs ? [axis('ms', 1)] : []),
      ],
      series: [
        {},
        ...series.map((s): uPlot.Series => {
          const c = cssVar(s.color);
          return {
            label: s.label,
            stroke: c,
            width: s.bars ? 1 : 1.5,
            fill: s.bars ? `color-mix(in srgb, ${c} 45%, transparent)` : undefined,
            paths: s.bars ? bars : undefined,
            dash: s.dash ? [4, 4] : undefined,
            scale: s.scale ?? 'y',
            spanGaps: false,
            points: { show: s.bars ? false : s.dots ? true : undefined, size: 5, fill: c },
            value: s.usd ? (_u, v) => (v == null ? '—' : formatUsd(v)) : undefined,
          };
        }),
      ],
    };
  }, [series]);
  return (
    <section className="metric-chart">
      <h3>{title}</h3>
      <UPlotChart testId={testId} opts={opts} data={data} optsKey={`${theme}:${series.map((s) => s.label).join(',')}`} />
    </section>
  );
}
