import { fmt, type Row } from './stats.js';

/** The one markdown table `npm run bench` prints (and the README's "Performance" section shows). */
export function markdownTable(rows: readonly Row[]): string {
  const header = ['#', 'figure', 'median', 'min–max', 'rounds', 'target', 'measured as'];
  const lines = rows.map((r) => [
    r.id,
    r.figure,
    `${fmt(r.median)}${r.unit === '×' ? '×' : ` ${r.unit}`}`,
    `${fmt(r.min)}–${fmt(r.max)}`,
    String(r.rounds),
    r.target,
    r.how,
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] as string).length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [render(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(render)].join('\n');
}
