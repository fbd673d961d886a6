/** @yipts/system: the one place plugins go to touch files and run commands, on the host or inside a target root. */
export { resolveInRoot, insideRoot, isHostRoot, RootEscapeError } from './root-path.js';
export { writeFileAtomic } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
export { execShell, execArgv, describeFailure, rootEnv, STANDARD_PATH } from './exec.js';
export type { ExecOptions, ExecResult } from './exec.js';
export { readOsRelease, parseOsRelease } from './os-release.js';
export { findUser, findGroup, resolveOwnerString } from './accounts.js';
export type { Account } from './accounts.js';
export { ShellSession, shellQuote } from './shell-session.js';
export type { SessionOptions, SessionRunOptions } from './shell-session.js';
export { AtomicWriteBatch } from './atomic-batch.js';
export type { CommitFailure } from './atomic-batch.js';
export { withPathLock } from './path-lock.js';
export { findExecutable, executableSearchPath } from './find-executable.js';
export { offlineCommand } from './offline-tool.js';
export type { OfflineTool, OfflineCommand } from './offline-tool.js';
export { replaceFile } from './replace-file.js';
export { uniqueSuffix } from './unique-suffix.js';
