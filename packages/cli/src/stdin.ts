import type { SourceInput } from '@yipts/core';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `-` as a source reads standard input once. */
export async function expandStdin(sources: readonly string[], dotNotation: boolean): Promise<SourceInput[]> {
  const out: SourceInput[] = [];
  let stdin: string | undefined;
  for (const s of sources) {
    if (s !== '-') {
      out.push(s);
      continue;
    }
    stdin ??= await readStdin();
    out.push({ kind: 'inline', name: '<stdin>', text: stdin, dotNotation });
  }
  return out;
}
