/**
 * `pnpm fuzz [--seed N] [--count N] [--cli N] [--json]`: a longer fuzz run than the test suite's.
 * Prints the figures, and the failing inputs when there are any (exit status 1).
 */
import { parseArgs } from 'node:util';
import { fuzz, report } from './fuzz.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '100000' },
    cli: { type: 'string', default: '200' },
    'hang-ms': { type: 'string', default: '5000' },
    json: { type: 'boolean', default: false },
  },
});

const figures = await fuzz({
  seed: Number(values.seed),
  count: Number(values.count),
  cliSample: Number(values.cli),
  hangMs: Number(values['hang-ms']),
});
if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  process.stdout.write(`${report(figures)}\n`);
  for (const f of [...figures.crashes, ...figures.hangs, ...figures.cliCrashes].slice(0, 20)) {
    process.stdout.write(`\n#${f.index}: ${f.why}\n${f.input.slice(0, 600)}\n`);
  }
}
process.exitCode = figures.crashes.length + figures.hangs.length + figures.cliCrashes.length > 0 ? 1 : 0;
