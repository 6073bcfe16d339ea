// Types of the SDK bundle that scripts/generate.mjs builds from verifier-entry.ts into
// tianping-web.js (not kept in git): the page script imports the bundle, which exports exactly what
// its entry does, so the typecheck sees the entry's own types.
export * from './verifier-entry.js';
