/** UI: written once the renderer and the preview server exist (see the report's notes). */
import type { BenchContext } from './bench-context.js';

export async function benchUi(ctx: BenchContext): Promise<void> {
  ctx.report.section({ name: 'ui', notes: ['not measured yet: waiting for the renderer (src-renderer) and the preview server'] });
}
