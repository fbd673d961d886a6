/** The template engine, loaded on first use (see index.ts). */
export { renderTemplate } from '@yipts/template';
