import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A CSS variable of the app's theme (theme.css), read when a plot is created. */
export function cssVar(name: string, fallback = '#888'): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/**
 * A small uPlot wrapper: the plot is created once (again only when `optsKey` changes, e.g. the
 * theme or the series set), fed with setData on updates, sized by a ResizeObserver and
 * destroyed on unmount.
 */
export function UPlotChart({
  opts,
  data,
  optsKey,
  height = 180,
  testId,
}: {
  opts: () => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  optsKey: string;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let u: uPlot | null = null;
    const ro = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (u && w !== u.width) u.setSize({ width: w, height });
    });
    // A frame later: the shell sets the new theme's data-theme in its own effect, after ours,
    // and the plot's colours are read from the CSS variables when it is created.
    const frame = requestAnimationFrame(() => {
      u = new uPlot({ ...opts(), width: Math.max(200, el.clientWidth), height }, latest.current, el);
      plot.current = u;
      ro.observe(el);
    });
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      u?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [optsKey, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div className="uplot-box" ref={box} data-testid={testId} />;
}
