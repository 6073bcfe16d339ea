// tianping verify <file> --receipt TWO-HOP --trust MAIN-GENESIS: a side chain's receipt proved through
// the main chain that recorded the side header it is proved against (docs/crosschain.md §5), checked
// offline with the main chain's genesis alone (verifyTwoHopReceipt in the SDK). The file is hashed
// with the side receipt's algorithm; the output names the item on the side chain, the side header
// the main chain recorded, and the main block and validators that recorded it.
import { open } from 'node:fs/promises';
import { hashFile } from '../../client/file.js';
import { algorithmName } from '../../client/receipt.js';
import { TrustAnchorError, type TrustAnchor } from '../../client/receipt-verify.js';
import type { TwoHopReceipt } from '../../client/two-hop.js';
import { twoHopFormatFailure, verifyTwoHopReceipt, type TwoHopVerification, type VerifiedTwoHop } from '../../client/two-hop-verify.js';
import { CliError, EXIT_NEGATIVE, EXIT_OK, isoTime, localTime, printJson, type CliIo } from '../common.js';

export interface TwoHopInputs {
  readonly json: boolean;
  readonly file: string;
  readonly receiptPath: string;
  readonly trustPath: string;
  readonly trust: TrustAnchor;
  readonly salt?: Uint8Array;
}

/** Hashes the file with the side receipt's algorithm; without one, only checks that the file can be read. */
async function fileDigest(file: string, receipt: TwoHopReceipt | undefined): Promise<Uint8Array> {
  const algorithm = receipt === undefined ? undefined : algorithmName(receipt.side.algorithm);
  try {
    if (algorithm !== undefined) return await hashFile(file, algorithm);
    const handle = await open(file, 'r');
    try {
      await handle.read(new Uint8Array(1), 0, 1, 0);
    } finally {
      await handle.close();
    }
    return new Uint8Array();
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Verifies a two-hop receipt (or answers the format verdict on one that did not parse) and prints the verdict. */
export async function verifyTwoHopOffline(inputs: TwoHopInputs, read: { receipt: TwoHopReceipt } | { notAReceipt: string },
  io: CliIo): Promise<number> {
  const receipt = 'receipt' in read ? read.receipt : undefined;
  const digest = await fileDigest(inputs.file, receipt);
  const evidence = inputs.salt === undefined ? { fileDigest: digest } : { fileDigest: digest, salt: inputs.salt };
  let result: TwoHopVerification;
  try {
    result = 'receipt' in read ? verifyTwoHopReceipt(read.receipt, evidence, inputs.trust) : twoHopFormatFailure(read.notAReceipt, inputs.trust);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${inputs.trustPath}: ${error.message}`);
    throw error;
  }
  if (inputs.json) {
    printJson(io, {
      ok: true, valid: result.valid, kind: 'two-hop', file: inputs.file, receipt: inputs.receiptPath, trust: inputs.trustPath,
      checks: result.checks,
      ...(result.valid ? { twoHop: result.receipt } : { failed: result.failed, reason: result.reason, skipped: result.skipped }),
    });
  } else {
    io.stdout(result.valid ? describeValid(inputs.file, result.receipt, result.checks.map((c) => c.id)) : describeInvalid(inputs.file, result));
  }
  return result.valid ? EXIT_OK : EXIT_NEGATIVE;
}

function describeValid(file: string, r: VerifiedTwoHop, passed: readonly string[]): string {
  const item = r.item;
  const main = r.main;
  const lines = [`VALID TWO-HOP RECEIPT  ${file}`, `  digest    ${item.algorithm}:${item.fileDigest}`];
  if (item.salted) lines.push(`  salted    item digest ${item.algorithm}:${item.digest} = H(salt ‖ file digest)`);
  lines.push(
    `  side      ${item.chainId}, registered as "${r.name}" on ${main.chainId}`,
    `  when      ${isoTime(item.blockTimeMs)} (UTC) side block time: the file existed by then, within the side chain's clock bounds`,
    `            ${localTime(item.blockTimeMs)} (local)`,
    `  where     side block ${item.height} ${item.blockHash}`,
    `            tx ${item.txHash} (index ${item.txIndex} of ${item.txCount})`,
  );
  if (item.batch !== undefined) lines.push(`            item ${item.batch.itemIndex} of a ${item.batch.kind} batch of ${item.batch.itemCount}`);
  lines.push(`  by        submitter key ${item.submitter}`, `  category  ${item.category}`);
  if (item.externalRef !== '') lines.push(`  reference ${item.externalRef}`);
  lines.push(
    `  proved    in the history of side header ${r.sideHeader.hash} (height ${r.sideHeader.height}, ${r.sideHeader.time})`,
    `  recorded  by main block ${main.height} ${main.blockHash} at ${main.blockTime}`,
    `            relay tx ${main.txHash} (index ${main.txIndex} of ${main.txCount}) from ${main.relayer}`,
    `  main      ${main.chainId} (trusted from ${main.trustHeight === 0 ? 'its genesis' : `the header at height ${main.trustHeight}`}, `
      + `${main.setChanges} validator-set change(s) since)`,
    `  signed by ${main.signers.length} of ${main.validatorCount} validators, power ${main.signedPower} of ${main.totalPower} `
      + `(more than 2/3), round ${main.commitRound}`,
  );
  for (const s of main.signers) lines.push(`            ${s.publicKey} power ${s.power}${s.name === undefined ? '' : ` (${s.name})`}`);
  lines.push(`  checks    ${passed.length} passed: ${passed.join(', ')}`);
  return lines.join('\n') + '\n';
}

function describeInvalid(file: string, result: Extract<TwoHopVerification, { valid: false }>): string {
  const passed = result.checks.filter((c) => c.ok).map((c) => c.id);
  const lines = [`INVALID TWO-HOP RECEIPT  ${file}`, `  failed    ${result.failed}: ${result.reason}`];
  lines.push(`  passed    ${passed.length === 0 ? '(none)' : passed.join(', ')}`);
  if (result.skipped.length > 0) lines.push(`  not run   ${result.skipped.join(', ')}`);
  return lines.join('\n') + '\n';
}
