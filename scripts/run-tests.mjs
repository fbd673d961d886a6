// Runs every uvu suite of the workspace in one process (through tsx, so tests are TypeScript),
// echoes uvu's report, then prints one closing line "N passed, N failed, N skipped". Exits non-zero
// when a test failed, when a suite crashed, or when no test ran at all.
// Usage: node scripts/run-tests.mjs [PATH_PREFIX]   e.g. plugins/files
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const prefix = (process.argv[2] ?? '').replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const suites = '((packages|plugins|examples)/[^/]+/test/.*|test/.*)\\.test\\.ts$';
const pattern = prefix ? `^${prefix}.*${suites.replace(/^\(/, '(?:').replace(/\$$/, '')}$|^${prefix}.*\\.test\\.ts$` : `^${suites}`;

const child = spawn(
  process.execPath,
  [`${root}node_modules/tsx/dist/cli.mjs`, `${root}node_modules/uvu/bin.js`, '.', pattern, '-i', '(^|/)node_modules/', '-i', '(^|/)dist/'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    // Workspace packages that ship a built entry (examples/) are tested from their sources.
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=source`.trim() },
  },
);
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code, signal) => {
  // uvu colours the skip count (an escape sequence between label and number): read plain text.
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const number = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
  // uvu's total counts the tests that ran; skipped tests are counted apart.
  const total = number('Total');
  const passed = number('Passed');
  const skipped = number('Skipped');
  const failed = Math.max(0, total - passed);
  const crashed = code !== 0 && failed === 0;
  console.log(`\n${passed} passed, ${failed + (crashed ? 1 : 0)} failed, ${skipped} skipped`);
  if (signal) console.error(`test process killed by ${signal}`);
  if (total === 0) console.error('no test ran');
  process.exit(code !== 0 || failed > 0 || total === 0 || signal ? 1 : 0);
});
