/** What every benchmark section gets: the size, a scratch folder, progress output. */
import type { BenchReport } from './bench-report.js';

export interface BenchContext {
  /** Full sizes (2,000,000 events, longer runs) instead of the CI defaults. */
  big: boolean;
  report: BenchReport;
  /** A fresh temporary folder on disk (not tmpfs) for this run; removed at the end. */
  scratch: string;
  /** Survives between runs: the generated large databases. */
  cacheDir: string;
  /** When set, child processes are started with --cpu-prof and write their profiles here. */
  profileDir: string | null;
  /** Only the parts whose label contains this text (e.g. `window 10`), for profiling one case. */
  filter: string | null;
  /** The bundled benchmark itself, to start helper processes (`node run.js echo-esme ...`). */
  selfPath: string;
  progress(text: string): void;
}
