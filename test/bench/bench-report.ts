/**
 * What the benchmark suite found: one row per figure, with its target where the issue sets one,
 * printed as a table and written as JSON (test-results/bench.json) for comparison between runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { round } from './stats.js';

export interface Target {
  /** `max`: the figure must be at most `value`; `min`: at least. */
  kind: 'max' | 'min';
  value: number;
}

export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** Extra words shown after the figure (sizes, conditions). */
  note?: string;
}

export interface Section {
  name: string;
  /** Anything else worth keeping for the JSON: query plans, raw distributions, sizes. */
  details?: Record<string, unknown>;
  /** Printed below the table: reasons a part was skipped, warnings. */
  notes?: string[];
}

export function meets(figure: Figure): boolean | null {
  if (!figure.target || !Number.isFinite(figure.value)) return figure.target ? false : null;
  return figure.target.kind === 'max' ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}

export class BenchReport {
  readonly figures: Figure[] = [];
  readonly sections: Section[] = [];

  add(figure: Figure): void {
    this.figures.push(figure);
  }

  section(section: Section): void {
    this.sections.push(section);
  }

  /** The table as plain text: section, figure, value, unit, target, verdict. */
  table(): string {
    const rows = this.figures.map((f) => {
      const verdict = meets(f);
      return [
        f.section,
        f.name,
        String(round(f.value)),
        f.unit,
        f.target ? `${f.target.kind === 'max' ? '≤' : '≥'} ${f.target.value}` : '',
        verdict === null ? '' : verdict ? 'ok' : 'MISS',
        f.note ?? '',
      ];
    });
    const head = ['section', 'figure', 'value', 'unit', 'target', '', 'note'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
    const line = (cells: string[]): string =>
      cells
        .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }

  notes(): string[] {
    return this.sections.flatMap((s) => (s.notes ?? []).map((n) => `[${s.name}] ${n}`));
  }

  write(path: string, meta: Record<string, unknown>): void {
    mkdirSync(dirname(path), { recursive: true });
    const json = {
      ...meta,
      figures: this.figures.map((f) => ({ ...f, meets: meets(f) })),
      sections: this.sections,
    };
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  }
}
