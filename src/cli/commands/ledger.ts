// tianping ledger check: the offline check of a stopped node's data directory (node/ledger-audit.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../config/defaults.js';
import { loadConfig, resolveDataPath } from '../../config/index.js';
import { NodeVerifier } from '../../crypto/index.js';
import { auditDataDir, LedgerInUseError } from '../../node/ledger-audit.js';
import { genesisHash, parseGenesis } from '../../state/index.js';
import { CliError, EXIT_ERROR, EXIT_NEGATIVE, EXIT_OK, UsageError, printJson, runCommand, stringOption, type CliIo,
  type CommandSpec } from '../common.js';

const spec: CommandSpec = {
  name: 'ledger',
  usage: `Usage: tianping ledger check [--config FILE] [--data-dir DIR] [--json]

Checks a STOPPED node's ledger offline: LevelDB's report of data it dropped, every block's hash
chain, every commit's signatures and power against the validator set of its height, the tx and
evidence indexes against the blocks, the history roots, and the high-water mark against the tip.
Prints each problem with its height and, when known, the damaged file. Refuses while a node runs
on the directory (LevelDB's lock).

Options:
  --config FILE     the node's config file (default: $TIANPING_CONFIG, else none): its dataDir and
                    genesisFile are checked, as the node would open them (TIANPING_* settings in
                    the environment apply too, as for tianping start)
  --data-dir DIR    the node's data directory (default: the config's, else ${DEFAULT_CONFIG.dataDir});
                    without a config its genesis is DIR/${DEFAULT_CONFIG.genesisFile}
  --json            print one JSON document
  -h, --help        show this help

Exit status: 0 sound, 1 problems found, 2 usage error, no such directory, or a node holds the ledger.
`,
  options: { 'data-dir': { type: 'string' }, config: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    if (args.positionals[0] !== 'check') throw new UsageError(`unknown subcommand "${args.positionals[0]}"`);
    // The config, when there is one, says where the node keeps its genesis (genesisFile, relative
    // to the data directory or absolute), as `tianping start --config` reads it.
    const configFile = stringOption(args, 'config') ?? io.env['TIANPING_CONFIG'];
    const dataDirFlag = stringOption(args, 'data-dir');
    const config = loadConfig({ ...(configFile === undefined ? {} : { file: configFile }), env: io.env,
      flags: dataDirFlag === undefined ? {} : { 'data-dir': dataDirFlag } });
    const dataDir = resolve(config.dataDir);
    const genesisPath = resolveDataPath({ ...config, dataDir }, config.genesisFile);
    let genesisBytes: Uint8Array;
    try {
      genesisBytes = readFileSync(genesisPath);
    } catch (error) {
      throw new CliError(`cannot read ${genesisPath}: ${(error as Error).message}`);
    }
    const genesis = parseGenesis(JSON.parse(new TextDecoder().decode(genesisBytes)));
    let report;
    try {
      report = await auditDataDir({ dataDir, genesis, genesisHash: genesisHash(genesisBytes), verifier: new NodeVerifier() });
    } catch (error) {
      if (error instanceof LedgerInUseError) throw new CliError(error.message, EXIT_ERROR);
      throw error;
    }
    const sound = report.problems.length === 0;
    if (args.json) {
      printJson(io, { ok: true, sound, dataDir, tipHeight: report.tipHeight ?? null, highWaterHeight: report.markHeight ?? null,
        problems: report.problems.map((p) => ({ height: p.height, what: p.what, file: p.file ?? null })) });
    } else {
      const lines = [`ledger ${join(dataDir, 'ledger')}: tip ${report.tipHeight ?? 'unknown'}, high-water mark `
        + `${report.markHeight ?? 'none'}: ${sound ? 'sound' : `${report.problems.length} problem(s)`}`,
      ...report.problems.map((p) => `  ${p.height === 0 ? 'ledger' : `height ${p.height}`}: ${p.what}${p.file === undefined ? '' : ` [${p.file}]`}`)];
      io.stdout(lines.join('\n') + '\n');
    }
    return sound ? EXIT_OK : EXIT_NEGATIVE;
  });
}
