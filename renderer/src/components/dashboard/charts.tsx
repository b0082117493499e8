// Small charts in plain SVG: no chart library, sized by their container, readable in both themes.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** shown under every nth bar */
  tick?: string;
}

/** vertical bars with a baseline, a max label, and ticks under some bars */
export function BarChart({ bars, title, height = 120, color = 'var(--accent)' }: { bars: Bar[]; title: string; height?: number; color?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / bars.length;
  return (
    <figure className="chart" aria-label={title}>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}>
        <line x1="0" x2="100" y1={height - 0.5} y2={height - 0.5} stroke="var(--border)" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        {bars.map((b, i) => {
          const h = (b.value / max) * (height - 8);
          return (
            <rect key={b.label} x={i * w + w * 0.15} y={height - h} width={w * 0.7} height={Math.max(h, b.value > 0 ? 1.5 : 0)} rx="0.6" fill={color}>
              <title>{`${b.label}: ${b.value}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="chart-ticks" aria-hidden>
        {bars.map((b) => (
          <span key={b.label}>{b.tick ?? ''}</span>
        ))}
      </div>
      <span className="chart-max" aria-hidden>
        {max}
      </span>
    </figure>
  );
}

export interface Segment {
  key: string;
  value: number;
  color: string;
  label: string;
}

/** one horizontal bar split into segments, widths relative to `total` */
export function StackedBar({ segments, total, label }: { segments: Segment[]; total: number; label: string }) {
  let x = 0;
  return (
    <svg className="stacked-bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="12" role="img" aria-label={`${label}: ${segments.map((s) => `${s.value} ${s.label}`).join(', ')}`}>
      <rect x="0" y="0" width="100" height="10" rx="2" fill="var(--hover)" />
      {segments.map((s) => {
        const width = total > 0 ? (s.value / total) * 100 : 0;
        const el = width > 0 ? <rect key={s.key} x={x} y="0" width={width} height="10" fill={s.color}><title>{`${s.label}: ${s.value}`}</title></rect> : null;
        x += width;
        return el;
      })}
    </svg>
  );
}

/** two series side by side over time (e.g. alive vs dormant), as paired stacked columns */
export function StackedColumns({ columns, title, series, height = 120 }: { columns: Array<{ label: string; tick?: string; values: number[] }>; series: Array<{ label: string; color: string }>; title: string; height?: number }) {
  const max = Math.max(1, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0)));
  const w = 100 / columns.length;
  return (
    <figure className="chart" aria-label={title}>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img" aria-label={`${title}: ${columns.map((c) => `${c.label} ${c.values.map((v, i) => `${v} ${series[i]!.label}`).join(' ')}`).join(', ')}`}>
        {columns.map((c, i) => {
          let y = height;
          return (
            <g key={c.label}>
              {c.values.map((v, j) => {
                const h = (v / max) * (height - 8);
                y -= h;
                return (
                  <rect key={j} x={i * w + w * 0.18} y={y} width={w * 0.64} height={h} fill={series[j]!.color}>
                    <title>{`${c.label}: ${v} ${series[j]!.label}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="chart-ticks" aria-hidden>
        {columns.map((c) => (
          <span key={c.label}>{c.tick ?? ''}</span>
        ))}
      </div>
    </figure>
  );
}

export function Legend({ items }: { items: Array<{ label: string; color: string; value?: ReactNode }> }) {
  return (
    <ul className="legend">
      {items.map((i) => (
        <li key={i.label}>
          <span className="legend-swatch" style={{ background: i.color }} aria-hidden />
          {i.label}
          {i.value !== undefined && <strong>{i.value}</strong>}
        </li>
      ))}
    </ul>
  );
}

/** the width of an element, following resizes (SVG that must not stretch its dots) */
function useWidth<T extends Element>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && entry.contentRect.width > 0 && setWidth(Math.round(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** the score over time: a line with dots on a 0–100 scale, null points (before the contact existed) left out */
export function Sparkline({ points, color, label, height = 64 }: { points: Array<{ date: string; score: number | null }>; color: string; label: string; height?: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(320);
  const left = 26;
  const pad = 5;
  const step = (width - left - pad) / Math.max(1, points.length - 1);
  const y = (score: number) => pad + (1 - score / 100) * (height - pad * 2);
  const coords = points.map((p, i) => (p.score === null ? null : ([left + i * step, y(p.score)] as const)));
  const path = coords.reduce((d, c, i) => (c === null ? d : `${d}${d === '' || coords[i - 1] === null ? 'M' : 'L'}${c[0].toFixed(1)},${c[1].toFixed(1)} `), '');
  const last = coords.at(-1);
  return (
    <div ref={ref} className="sparkline-box">
      <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
        {[0, 50, 100].map((g) => (
          <g key={g}>
            <line x1={left} x2={width - pad} y1={y(g)} y2={y(g)} stroke="var(--border)" strokeDasharray={g === 50 ? '3 3' : undefined} />
            <text x={left - 6} y={y(g) + 3.5} textAnchor="end" fontSize="10" fill="var(--muted)">
              {g}
            </text>
          </g>
        ))}
        {path && <path d={`${path} L${last ? last[0] : 0},${y(0)} L${coords.find(Boolean)![0]},${y(0)} Z`} fill={color} opacity="0.08" />}
        <path d={path} fill="none" stroke={color} strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
        {coords.map((c, i) =>
          c ? (
            <circle key={i} cx={c[0]} cy={c[1]} r={c === last ? 4 : 2.5} fill={c === last ? color : 'var(--panel)'} stroke={color} strokeWidth="1.5">
              <title>{`${points[i]!.date}: ${points[i]!.score}`}</title>
            </circle>
          ) : null,
        )}
      </svg>
    </div>
  );
}
