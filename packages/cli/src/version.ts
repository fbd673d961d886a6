/** The version printed by --version; replaced at bundle time, read from package.json otherwise. */
declare const __YIPTS_VERSION__: string | undefined;

export const VERSION: string = typeof __YIPTS_VERSION__ === 'string' ? __YIPTS_VERSION__ : '0.1.0-dev';
