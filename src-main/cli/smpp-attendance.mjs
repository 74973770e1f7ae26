#!/usr/bin/env node
// The `smpp-attendance` command (npx smpp-attendance ...). The TypeScript sources are bundled
// into dist/ by `npm install` (the prepare script runs `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    'smpp-attendance: the program is not built yet; run `npm install` (or `npm run build`) in the project folder.\n',
  );
  process.exit(1);
}
const { runCli, processIo } = await import(built);
process.exitCode = await runCli(process.argv.slice(2), processIo);
