/**
 * Package names as the user wrote them, after templating. yip joined the list into one shell
 * command, so an entry holding several words (`"vim curl"`) meant several packages; the words
 * are split the same way here, but never given to a shell.
 */

/** Renders each entry and splits it into words; empty entries give nothing. */
export function packageWords(entries: readonly string[], render: (text: string) => string): string[] {
  return entries.flatMap((entry) => render(entry).split(/\s+/).filter(Boolean));
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a pin's name or version cannot be written into a manager's pin file, or undefined.
 * Whitespace or a control character would start a new entry in those files.
 */
export function invalidPinPart(kind: 'name' | 'version', value: string): string | undefined {
  if (value === '') return `empty ${kind}`;
  if (/\s/.test(value) || CONTROL.test(value)) return `${kind} ${JSON.stringify(value)} contains whitespace`;
  if (value.startsWith('-')) return `${kind} ${JSON.stringify(value)} starts with "-"`;
  if (kind === 'name' && /[=<>~!]/.test(value))
    return `name ${JSON.stringify(value)} contains a version operator; write the version as the value`;
  return undefined;
}
