/** The system suites' scratch directories: `@yipts/temp-dirs`, named `yipts-system-*`. */
import { tempDirs as scratchDirs } from '@yipts/temp-dirs';
import type { TempDirs } from '@yipts/temp-dirs';

export const tempDirs = (): TempDirs => scratchDirs('yipts-system-');
