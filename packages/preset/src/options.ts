/** Options of the yip-compatible composition; each plugin reads its own part. */
export interface PresetOptions {
  /**
   * Per-command timeout in milliseconds for every plugin that runs commands (`commands`, `if`,
   * package managers, modprobe, systemctl, systemd-firstboot); 0: none. A plugin's own
   * `timeoutMs` option wins.
   */
  readonly commandTimeoutMs?: number;
  /** Options per plugin name, checked against each plugin's schema. */
  readonly plugins?: Readonly<Record<string, unknown>>;
  /** Plugins to leave out, by name. */
  readonly disable?: readonly string[];
  /**
   * The kernel command line file the plugins read (the mount plugin: the OEM label), unless
   * their own options name one; `false`: none is read.
   */
  readonly cmdline?: string | false;
  /** Where the options came from (an executor configuration file), for error messages. */
  readonly origin?: string;
}
