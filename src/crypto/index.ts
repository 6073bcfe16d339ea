// Face of crypto/ for code that runs in Node. The browser and the SDK import hash.ts and
// ed25519.ts directly, never this file (it pulls node:crypto and node:fs).
export * from './hash.js';
export * from './ed25519.js';
export { NodeVerifier } from './verify-node.js';
export { nodeSigner } from './sign-node.js';
export { installNodeSha256, nodeSha256Backend } from './hash-node.js';
export { readKeyFile, writeKeyFile, KeyFileError } from './keyfile.js';
