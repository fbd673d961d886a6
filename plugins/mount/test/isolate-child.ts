// Run by isolate.test.ts as a separate process, so that signals can be sent to "the yip that
// isolates" without hitting the test runner: isolates `sh -c SCRIPT isolated DIR` and exits
// with its status.
import { isolateRun } from '../src/isolate.js';

const [script, dir] = process.argv.slice(2);
const notes: string[] = [];
const code = await isolateRun({ argv: ['sh', '-c', script!, 'isolated', dir!], env: { PATH: process.env.PATH }, root: dir! }, notes);
for (const note of notes) process.stderr.write(`${note}\n`);
process.exitCode = code ?? 99;
