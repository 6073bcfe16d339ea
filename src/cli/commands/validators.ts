// tianping validators: the validator set that signs a height, in commit order, which is the order
// the validator indexes of votes and commits refer to. By default the set of the next block.
import { TianpingClient } from '../../client/index.js';
import { EXIT_OK, UsageError, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';

const spec: CommandSpec = {
  name: 'validators',
  usage: `Usage: tianping validators [--height H] [--node URL] [--json]

Prints the validator set that signs height H (default: the next height): each validator's index in
commit order, voting power, name and public key, and the height from which this set has signed.

Options:
  --height H        a height up to the next one (latest + 1)
  --node URL        node API (default http://127.0.0.1:8080)
  --json            print one JSON document
  -h, --help        show this help

Exit status: 0 done, 2 usage or connection error, or a height beyond the next one.
`,
  options: { height: { type: 'string' }, node: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const heightText = stringOption(args, 'height');
    const height = heightText === undefined ? undefined : Number(heightText);
    if (heightText !== undefined && (!/^[1-9][0-9]*$/.test(heightText) || !Number.isSafeInteger(height))) {
      throw new UsageError(`--height must be a positive integer, got "${heightText}"`);
    }
    const url = nodeUrl(stringOption(args, 'node'));
    const set = await new TianpingClient(url).validators(height);
    if (args.json) {
      printJson(io, { ok: true, ...set });
      return EXIT_OK;
    }
    const nameWidth = Math.max(4, ...set.validators.map((v) => v.name.length));
    const lines = [
      `height ${set.height}: ${set.validators.length} validators, total power ${set.totalPower} (this set since height ${set.sinceHeight})`,
      `INDEX  ${'POWER'.padStart(10)}  ${'NAME'.padEnd(nameWidth)}  PUBLIC KEY`,
      ...set.validators.map((v) => `${String(v.index).padStart(5)}  ${String(v.power).padStart(10)}  ${v.name.padEnd(nameWidth)}  ${v.publicKey}`),
    ];
    io.stdout(lines.join('\n') + '\n');
    return EXIT_OK;
  });
}
