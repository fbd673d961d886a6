/** Options of the yip-compatible composition; each plugin reads its own part. */
export interface PresetOptions {
  /** Per-command timeout for `commands`, `if` and package-manager commands, in milliseconds (0: none). */
  readonly commandTimeoutMs?: number;
  /** Options for the mount plugin (chroot stages; it does nothing when the root is `/`). */
  readonly mount?: Record<string, unknown>;
  /** Free-form options per plugin name, for plugins that take more. */
  readonly plugins?: Readonly<Record<string, Record<string, unknown>>>;
}
