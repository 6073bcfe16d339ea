// Run in a child process with a small heap by streaming.test.ts: prints the digest hashFile gives
// for a file, and the process's peak resident memory, so the test can see the file was never
// held whole.
import { hashFile } from '../../src/client/file.js';
import { toHex } from '../../src/types/index.js';

const [path, algorithm] = process.argv.slice(2);
if (path === undefined || (algorithm !== 'sha256' && algorithm !== 'sm3')) {
  process.stderr.write('usage: hash-file-child.ts FILE sha256|sm3\n');
  process.exit(2);
}
const digest = await hashFile(path, algorithm);
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ digest: toHex(digest), maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
