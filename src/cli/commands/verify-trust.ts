// The trust anchors of tianping verify --receipt, read from their files: a genesis, a trusted header
// with its validator set, a trusted header hash (--trust, --trusted-header), or a witness policy
// (--witness-policy): for a receipt that carries witness cosignatures (docs/receipt-format.md
// §13.5), a file naming the witnesses the court trusts and how many must have cosigned,
// {"witnesses": ["<name>+<key ID>+<key>", ...], "k": 2}, with "chainId", or the chain id from
// --trust (a genesis file or any trust file with "chainId").
import { readFileSync } from 'node:fs';
import { TrustAnchorError, isHeaderHashTrust, prepareTrust, type HeaderHashTrust, type TrustAnchor } from '../../client/receipt-verify.js';
import { parseWitnessPolicy, type WitnessPolicyTrust, type WitnessedSummary } from '../../client/witness-policy.js';
import { parseTrustAnchorJson } from '../../client/trust-file.js';
import { CliError, UsageError, isoTime } from '../common.js';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not JSON: ${(error as Error).message}`);
  }
}

/** The policy and the chain id: from the policy's "chainId", else from the --trust file's; both must agree when both are given. */
export function readPolicyTrust(policyPath: string, trustPath: string | undefined): WitnessPolicyTrust {
  let policy;
  try {
    policy = parseWitnessPolicy(readJson(policyPath, 'witness policy'));
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${policyPath}: ${error.message}`);
    throw error;
  }
  let fromTrust: string | undefined;
  if (trustPath !== undefined) {
    const doc = readJson(trustPath, 'trust anchor') as { chainId?: unknown } | null;
    if (typeof doc?.chainId !== 'string') throw new CliError(`${trustPath}: no "chainId" to verify the witness policy's receipts against`);
    fromTrust = doc.chainId;
  }
  const chainId = policy.chainId ?? fromTrust;
  if (chainId === undefined) {
    throw new UsageError('--witness-policy needs the chain id: put "chainId" in the policy, or give --trust GENESIS.json');
  }
  if (fromTrust !== undefined && fromTrust !== chainId) throw new CliError(`${policyPath} is for chain "${chainId}", ${trustPath} for "${fromTrust}"`);
  return { chainId, policy };
}

export function isPolicyTrust(trust: object): trust is WitnessPolicyTrust {
  return 'policy' in trust;
}

/** The lines of a valid receipt's verdict that say which witnesses vouched for the trusted header. */
export function witnessedLines(w: WitnessedSummary): string[] {
  return [
    `  witnessed checkpoint of size ${w.size} (root ${w.root}) cosigned by ${w.witnesses.length} witness(es), ${w.k} required:`,
    ...w.witnesses.map((c) => `            ${c.name} (key ID ${c.keyId}) at ${isoTime(c.timestamp * 1000)}`),
  ];
}

export const HEX64 = /^[0-9a-fA-F]{64}$/;

/**
 * The trust anchor from --trust and --trusted-header: a hash given as hex takes the chain id of the
 * --trust file (whose validators are then not used); a file holds both.
 */
export function trustOf(trustPath: string | undefined, trustedHeader: string | undefined): TrustAnchor | HeaderHashTrust {
  const fromTrust = trustPath === undefined ? undefined : readTrust(trustPath);
  if (trustedHeader === undefined) return fromTrust!;
  // Beside a header hash the --trust file gives only the chain id, but it is still a trust anchor
  // file, and one that breaks a rule of §5 is unusable (an error), whatever of it is read.
  if (fromTrust !== undefined && !isHeaderHashTrust(fromTrust)) {
    try {
      prepareTrust(fromTrust);
    } catch (error) {
      if (error instanceof TrustAnchorError) throw new CliError(`${trustPath}: ${error.message}`);
      throw error;
    }
  }
  const given = HEX64.test(trustedHeader) ? { chainId: fromTrust!.chainId, trustedHeaderHash: trustedHeader.toLowerCase() }
    : readTrust(trustedHeader);
  if (!isHeaderHashTrust(given)) throw new CliError(`${trustedHeader}: not a file {"chainId", "trustedHeaderHash"}`);
  if (fromTrust !== undefined && fromTrust.chainId !== given.chainId) {
    throw new CliError(`${trustedHeader} is for chain "${given.chainId}", ${trustPath} for "${fromTrust.chainId}"`);
  }
  return given;
}

/**
 * A genesis file, a trusted header with its validator set, or a trusted header hash, read exactly as
 * docs/receipt-format.md §5 specifies (parseTrustAnchorJson, as the SDK and the page read it): a
 * genesis gives only its chainId, genesisTimeMs and validators, and a duplicate key is refused.
 */
export function readTrust(path: string): TrustAnchor | HeaderHashTrust {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read trust anchor ${path}: ${(error as Error).message}`);
  }
  try {
    return parseTrustAnchorJson(text);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}
