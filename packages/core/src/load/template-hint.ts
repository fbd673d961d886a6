/**
 * Go templates (`{{ .Values.x }}`) are YAML flow mappings when written unquoted after a key;
 * the YAML reader's complaint then says nothing about templates. The fix is always the same.
 */
const UNQUOTED_TEMPLATE = /(?:^|[:\-[,]\s*)\{\{/;

/** A hint to append to a YAML error found on `line`, or '' when the line has no unquoted template. */
export function templateHint(line: string): string {
  return UNQUOTED_TEMPLATE.test(line) ? '; a `{{ … }}` template must be quoted ("{{ … }}")' : '';
}
