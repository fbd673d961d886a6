/**
 * Positions in the fixed order in which a step's actions and conditionals run.
 *
 * yip's order is kept (section 2 of the behaviour reference). The numbers leave room between
 * neighbours so that a plugin for a new key can run, say, after `files` and before `commands`
 * with `ACTION_ORDER.FILES + 10`.
 */
export const ACTION_ORDER = Object.freeze({
  DNS: 100,
  DOWNLOADS: 200,
  GIT: 300,
  ENSURE_ENTITIES: 400,
  DIRECTORIES: 500,
  FILES: 600,
  COMMANDS: 700,
  DELETE_ENTITIES: 800,
  HOSTNAME: 900,
  SYSCTL: 1000,
  USERS: 1100,
  AUTHORIZED_KEYS: 1200,
  MODULES: 1300,
  TIMESYNCD: 1400,
  SYSTEMCTL: 1500,
  ENVIRONMENT: 1600,
  SYSTEMD_FIRSTBOOT: 1700,
  DATASOURCE: 1800,
  LAYOUT: 1900,
  PACKAGE_PINS: 2000,
  PACKAGES: 2100,
  UNPACK_IMAGES: 2200,
});

/** Conditionals are checked in this order; the first that fails skips the step. */
export const CONDITION_ORDER = Object.freeze({
  NODE: 100,
  IF: 200,
  ONLY_OS: 300,
  ONLY_OS_VERSION: 400,
  ONLY_ARCH: 500,
  ONLY_SERVICE_MANAGER: 600,
  IF_FILES: 700,
});

/**
 * `stage` values for taps on the run lifecycle hooks. Preparing the target root comes first so
 * that everything else (reading config paths inside it) sees it; releasing it comes last.
 */
export const LIFECYCLE_STAGE = Object.freeze({
  PREPARE_ROOT: -1000,
  DEFAULT: 0,
  RELEASE_ROOT: 1000,
});
