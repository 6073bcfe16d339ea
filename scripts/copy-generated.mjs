// tsc does not copy plain .js files: put the generated codec and the page's files (its static files,
// its bundled script and SDK bundle, not their TypeScript sources or stamps) beside the compiled code.
import { cpSync } from 'node:fs';
import { basename } from 'node:path';

const shipped = (path) => !basename(path).startsWith('.') && !path.endsWith('.ts');
cpSync('src/codec/gen', 'dist/codec/gen', { recursive: true, filter: shipped });
cpSync('src/api/web', 'dist/api/web', { recursive: true, force: true, filter: shipped });
