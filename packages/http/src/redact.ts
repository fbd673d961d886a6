// Credentials written in a URL (`http://user:secret@host/…`) must never reach a log line or an
// error message. Only the password is hidden, as Go's URL.Redacted does, so the user stays
// visible for diagnosis.

/** `scheme://user:password@` anywhere in a text; the user part may be empty. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]*)@/gi;

/** The URL with its password replaced by `***`; anything else is kept as written. */
export function redactUrl(url: string | URL): string {
  return redactText(typeof url === 'string' ? url : url.href);
}

/** Every URL in the text with its password replaced by `***`. */
export function redactText(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(USERINFO, (whole, scheme: string, user: string, password: string) =>
    password === '***' ? whole : `${scheme}${user}:***@`,
  );
}
