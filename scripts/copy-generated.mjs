// tsc does not copy plain .js files: put the generated codec beside the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/codec/gen', 'dist/codec/gen', { recursive: true });
cpSync('src/api/web', 'dist/api/web', { recursive: true, force: true });
