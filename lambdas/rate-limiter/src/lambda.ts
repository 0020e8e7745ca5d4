/**
 * The Lambda deployment's entry point: the bundle is built from this module, so it
 * exports the handler and nothing else (the library API in index.ts stays out).
 */
export { handler } from './handler';
