/**
 * One GET to a metadata service, through the shared client (@yipts/http), which can choose the
 * source port: Scaleway only hands user data to a privileged one. Every request has a deadline:
 * on a machine that is not in that cloud the address simply does not answer.
 */
import { httpGet as get } from '@yipts/http';

export interface GetOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  readonly localPort?: number;
}

/** Largest answer of a metadata service (user data included) that is read. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

/** The body of a 2xx answer; else an HttpError naming the (redacted) URL and the status or reason. */
export async function httpGet(url: string, options: GetOptions): Promise<Buffer> {
  const { body } = await get(url, { ...options, maxBytes: MAX_METADATA_BYTES });
  return body;
}
