// @yipts/http: the one HTTP client of yipts (config sources, downloads, key lists, metadata
// services, image registries). Nothing here is loaded at start-up but the redaction helpers:
// node:http(s) come with the first request.
export { redactText, redactUrl } from './redact.js';
export { headerValue, HttpError, HttpStatusError, networkReason, reasonOf, retryableStatus } from './errors.js';
export { basicAuthorization, httpRequest } from './request.js';
export type { HttpRequestOptions, HttpResponse } from './request.js';
export { readBody } from './body.js';
export { DEFAULT_MAX_BYTES, httpGet } from './get.js';
export type { HttpGetOptions, HttpGetResult } from './get.js';
export { backoffDelay, sleep, withRetries } from './retry.js';
export type { RetryOptions } from './retry.js';
