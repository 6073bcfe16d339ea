// ESLint 9 flat config. Besides the recommended rules it enforces the architecture's import
// direction (DESIGN §3, docs/architecture.md): types → crypto, codec → merkle → consensus, state →
// ledger, mempool, p2p, api → wire, blocks, read → node → cli. The pure cores (consensus/, state/)
// touch no I/O, clock or randomness so that every node computes the same bytes and the simulator
// can replay them from a seed; the SDK
// (client/) must stay usable alone, in a court's tool or a browser.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const nodeBuiltinRestrictions = (why) => ({
  paths: NODE_BUILTINS.map((name) => ({ name, message: why })),
  // builtinModules lists subpaths too ('fs/promises', 'stream/web'), so paths cover bare names.
  patterns: [{ group: ['node:*'], message: why }],
});

const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));
const NODE_GLOBALS = readonly(['process', 'console', 'Buffer', 'URL', 'TextEncoder', 'TextDecoder']);
const BROWSER_GLOBALS = readonly([
  'window', 'document', 'navigator', 'location', 'history', 'console', 'fetch', 'crypto', 'alert', 'confirm',
  'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'Blob', 'File', 'FileReader', 'FormData',
  'Headers', 'Request', 'Response', 'AbortController', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
  'requestAnimationFrame', 'localStorage', 'sessionStorage', 'Event', 'CustomEvent', 'HTMLElement', 'performance',
]);

const PURE_CORE = 'consensus/ and state/ are pure and deterministic: no Node built-ins, I/O, network or storage';
const pureCore = nodeBuiltinRestrictions(PURE_CORE);
const BROWSER_SAFE = 'merkle/, types/ and codec/ run in the browser and the SDK: no Node built-ins';
const browserSafe = nodeBuiltinRestrictions(BROWSER_SAFE);

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'src/codec/gen/', 'src/api/web/tianping-web.js', 'coverage/', 'data/', '.testnet/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_',
      }],
    },
  },
  {
    // Plain-JS build scripts and this file run on Node.
    files: ['*.js', '*.mjs', 'scripts/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    // The court's web page, served as is; its SDK bundle (tianping-web.js) is generated and ignored above.
    files: ['src/**/web/**/*.js'],
    languageOptions: { globals: BROWSER_GLOBALS },
  },
  {
    files: ['src/consensus/**/*.ts', 'src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...pureCore.paths,
          ...['libp2p', 'classic-level', 'level', 'fastify', 'pino'].map((name) => ({ name, message: PURE_CORE })),
        ],
        patterns: [
          ...pureCore.patterns,
          { group: ['libp2p/*', '@libp2p/*', '@chainsafe/*', 'classic-level/*', 'level/*', 'fastify/*', '@fastify/*', 'pino/*'], message: PURE_CORE },
          {
            regex: '^(\\.\\./)+(ledger|node|api|mempool|p2p|wire|blocks|read|cli)(/|$)',
            message: 'consensus/ and state/ sit below ledger, mempool, p2p, api, wire, blocks, read, node and cli: inject what you need instead',
          },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Inject an Rng (types/env.ts): the simulator replays from a seed' },
        { object: 'Date', property: 'now', message: 'Use the block time or an injected Clock (types/env.ts)' },
        { object: 'performance', property: 'now', message: 'Use an injected Clock (types/env.ts)' },
        { object: 'crypto', property: 'getRandomValues', message: 'Inject an Rng (types/env.ts)' },
        { object: 'crypto', property: 'randomUUID', message: 'Inject an Rng (types/env.ts)' },
      ],
      'no-restricted-syntax': ['error', {
        selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
        message: 'new Date() reads the clock: use the block time or an injected Clock',
      }],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(\\.\\./)+(node|ledger|mempool|p2p|api|wire|blocks|read)(/|$)',
          message: 'The SDK (client/) must work alone, in a court\'s tool or the browser: nothing from node/, its rooms, ledger/, mempool/, p2p/ or api/',
        }],
      }],
    },
  },
  // The floors above the pure cores (docs/architecture.md, "Rooms"): ledger/, mempool/, p2p/ and
  // api/; then wire/ (network protocols), blocks/ (building and checking) and read/ (the read
  // model), side by side; then node/, which composes them; then cli/. A folder imports only from
  // floors below it, never from one beside or above: the node can then be read, and tested, floor
  // by floor. The TypeScript form of the rule lets read/ take the API's contract types, which are
  // the shapes it answers in, without the API's code.
  ...[
    { folders: ['ledger', 'mempool', 'p2p'], above: ['api', 'wire', 'blocks', 'read', 'node', 'cli'],
      why: 'ledger/, mempool/ and p2p/ sit below the API and the node\'s rooms' },
    { folders: ['api'], above: ['ledger', 'mempool', 'p2p', 'wire', 'blocks', 'read', 'node', 'cli'],
      why: 'api/ sees the node only as ApiComponents (api/components.ts)' },
    { folders: ['wire'], above: ['api', 'blocks', 'read', 'node', 'cli'],
      why: 'wire/ (network protocols) sits below node/ and beside blocks/ and read/' },
    { folders: ['blocks'], above: ['api', 'wire', 'read', 'node', 'cli'],
      why: 'blocks/ (building and checking blocks) sits below node/ and beside wire/ and read/' },
    { folders: ['read'], above: ['wire', 'blocks', 'node', 'cli'], typesOnly: ['api'],
      why: 'read/ (the read model) sits below node/ and beside wire/ and blocks/; of api/ it takes contract types only' },
    { folders: ['node'], above: ['cli'], why: 'node/ composes the rooms below it; cli/ sits above' },
  ].map(({ folders, above, typesOnly = [], why }) => ({
    files: folders.map((folder) => `src/${folder}/**/*.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: `^(\\.\\./)+(${above.join('|')})(/|$)`, message: why },
          ...typesOnly.map((folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: why, allowTypeImports: true })),
        ],
      }],
    },
  })),
  {
    files: ['src/merkle/**/*.ts', 'src/types/**/*.ts', 'src/codec/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', browserSafe],
    },
  },
]);
