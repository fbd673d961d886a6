/** A target root with its own accounts, a fake template engine, and a run of the files plugin. */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { createExecutor, definePlugin } from '@yipts/core';
import type { Plugin, SourceInput, StepResult } from '@yipts/core';
import type { TempDirs } from '@yipts/testing';
import filesPlugin from '../src/index.js';

/** A target root whose accounts differ from the host's (daemon is 4242 here, 1 on Debian). */
export async function makeRoot(tmp: TempDirs): Promise<string> {
  const root = await tmp.make('yipts-files-root-');
  await mkdir(join(root, 'etc'));
  await writeFile(
    join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\ndaemon:x:4242:4343::/:/bin/false\nkairos:x:1000:1000::/home/kairos:/bin/sh\n',
  );
  await writeFile(join(root, 'etc/group'), 'root:x:0:\ndaemon:x:4343:\nkairos:x:1000:\nadmin:x:1500:kairos\n');
  return root;
}

/** Renders `{{ .Name }}` as "world", and counts what it was asked to render. */
export function fakeTemplates(): { plugin: Plugin; rendered: string[] } {
  const rendered: string[] = [];
  const plugin = definePlugin({
    name: 'fake-templates',
    apply(hooks) {
      hooks.render.tap('fake-templates', (text) => {
        rendered.push(text);
        return text.replaceAll('{{ .Name }}', 'world');
      });
    },
  });
  return { plugin, rendered };
}

/** Runs stage `s` of one config (YAML text or an object) with the files plugin in `root`. */
export async function runFiles(config: string | object, root: string, extra: Plugin[] = []): Promise<readonly StepResult[]> {
  const source: SourceInput =
    typeof config === 'string' ? { kind: 'inline', name: 'files.yaml', text: config } : { kind: 'object', name: 'files.yaml', config };
  const result = await createExecutor({ plugins: [filesPlugin(), ...extra] }).runStage('s', [source], { root });
  return result.stages[0]!.steps;
}

/** A config whose stage `s` has one step of `key` with these YAML entries (indented as list items of the key). */
export const oneStep = (key: 'files' | 'directories', entries: string): string => `stages:\n  s:\n    - ${key}:\n${entries}`;

/** Runs one step of `key` with these YAML entries in root; it must succeed. */
export async function stepOk(root: string, key: 'files' | 'directories', entries: string): Promise<void> {
  const steps = await runFiles(oneStep(key, entries), root);
  assert.equal(steps[0]!.errors, [], entries);
}

/** Every entry of a tree, relative, sorted: to prove no temporary file was left anywhere. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

/** The permission bits of a path (0o7777: with setuid, setgid and sticky). */
export const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o7777;

/** The permission bits of each path under root are those given, in octal text ('0644'); a failure shows every path that differs. */
export async function assertModes(root: string, expected: Readonly<Record<string, string>>): Promise<void> {
  const actual: Record<string, string> = {};
  for (const path of Object.keys(expected)) actual[path] = (await modeOf(join(root, path))).toString(8).padStart(4, '0');
  assert.equal(actual, expected, `modes under ${root}`);
}
