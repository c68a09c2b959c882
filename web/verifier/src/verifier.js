// Ballotline's second, independent record verifier, written from docs/election-record.md and
// docs/cryptography.md (it shares only web/ballot-crypto's group arithmetic, transcript and ballot proofs with
// the voter's browser, and nothing with the C# verifier). It runs the same named checks and reaches the same
// verdicts; both run over tests/vectors/records in ./test.sh and must agree.
import { trackingCode, verifyBallot, openBallot } from '../../ballot-crypto/src/ballot.js';
import { sha256 } from '../../ballot-crypto/src/hashes.js';
import { Transcript } from '../../ballot-crypto/src/transcript.js';
import { buildContext } from './context.js';
import * as shapes from './documents.js';
import { bytesToHex, hexToBytes } from './hex.js';
import { leaf, root } from './merkle.js';
import { ShapeError, decodeText, parseStrict } from './strict-json.js';
import { encryptedTotals, sameTotals, verifyDecryptions } from './tally.js';
import { ChainError, ChainReader, ledgerCodeMismatch } from './chain.js';

export const VERSION = 'ballotline/election-record/v4';
export const VERSION_WITHOUT_COMMITMENTS = 'ballotline/election-record/v3';
export const VERSION_WITHOUT_LABELS = 'ballotline/election-record/v2';
// From v3 the manifest binds titles and names and the chain's close carries the close statement.
const hasLabels = (version) => version === VERSION || version === VERSION_WITHOUT_COMMITMENTS;
export const INDEX = 'record.json';
export const FILES = ['manifest.json', 'contests.json', 'context.json', 'ballots.jsonl', 'spoiled.jsonl', 'ledger.json', 'tally.json', 'result.json'];

const short = (code) => (code.length > 16 ? code.slice(0, 16) + '…' : code);
const safeHex = (hex) => {
  try {
    return hexToBytes(hex);
  } catch {
    return new Uint8Array(0);
  }
};
const sortedCopy = (list) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Reads an announcement (JSON text) as the C# verifier does: chainId, contract, authority, contextHash. */
export function parseAnnouncement(text) {
  const a = parseStrict(text, { kind: 'any' }, 'the announcement');
  if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new ShapeError('An announcement is a JSON object.');
  if (!Number.isSafeInteger(a.chainId) || a.chainId <= 0) throw new ShapeError("The announcement's chainId must be a positive integer.");
  const field = (name, regex) => {
    if (typeof a[name] !== 'string' || !regex.test(a[name])) throw new ShapeError(`The announcement's ${name} is missing or not in its documented form.`);
    return a[name].toLowerCase();
  };
  return {
    chainId: a.chainId,
    contract: field('contract', /^0x[0-9a-fA-F]{40}$/),
    authority: field('authority', /^0x[0-9a-fA-F]{40}$/),
    contextHash: field('contextHash', /^[0-9a-f]{64}$/),
  };
}

/**
 * Verifies a record. `entries`: [{ name, data: Uint8Array }] as the archive or directory holds them, repeats
 * included. Options: `announcement` (parsed), `rpcUrl`, `ledgerCode` (BallotLedger's deployedBytecode as bytes,
 * needed for chain.contract), `onProgress(text, done, total)`, `fetch`. Returns [{ name, passed, skipped, detail }].
 */
export async function verifyRecord(entries, options = {}) {
  const checks = [];
  const report = (name, passed, detail, skipped = false) => checks.push({ name, passed, skipped, detail });
  const progress = options.onProgress ?? (() => {});
  const guard = (name, check) => {
    try {
      return check();
    } catch (e) {
      if (e instanceof ShapeError || e?.name === 'CryptoFormatError' || e?.check) {
        report(name, false, `the record's data is not in the documented shape: ${e.message}`);
        return undefined;
      }
      throw e;
    }
  };

  const files = readFiles(entries, report);
  if (!files) return checks;

  const contextJson = guard('context', () => parseStrict(decodeText(files.get('context.json'), 'context.json'), shapes.context, 'context.json'));
  let context = null;
  if (contextJson) {
    try {
      const manifest = parseStrict(decodeText(files.get('manifest.json'), 'manifest.json'), shapes.manifest, 'manifest.json');
      const rebuilt = buildContext(manifest, contextJson.trustees, contextJson.quorum, contextJson.commitments);
      const same = rebuilt.extendedHash === contextJson.contextHash;
      report('context', same, same
        ? `rebuilt from the manifest and ${contextJson.commitments.length} trustee commitments (every key proof checked); context hash ${contextJson.contextHash}`
        : `the manifest and commitments give context hash ${rebuilt.extendedHash}, the record claims ${contextJson.contextHash}`);
      context = same ? rebuilt : null;
    } catch (e) {
      report('context', false, `the context cannot be rebuilt: ${e.message}`);
    }
  }

  const ballots = guard('ballots', () => castBallots(files, context, report, progress)) ?? [];
  if (context) {
    guard('spoiled', () => spoiled(files, context, ballots, report));
    guard('tally', () => tallyChecks(files, context, ballots, report, options));
  }

  const leaves = ballots.map((b) => leaf(safeHex(b.trackingCode)));
  const ledger = guard('ledger.roots', () => {
    const document = parseStrict(decodeText(files.get('ledger.json'), 'ledger.json'), shapes.ledger, 'ledger.json');
    recordAnchors(document, leaves, report);
    return document;
  });
  guard('announcement', () => announcementCheck(contextJson, ledger, options.announcement, report));
  let closeStatement = null;
  if (hasLabels(files.version)) closeStatement = guard('chain.anchors', () => closeStatementOf(files, contextJson, leaves)) ?? null;
  if (ledger) await chainChecks(ledger, leaves, closeStatement, options, report);
  return checks;
}

function readFiles(entries, report) {
  const named = new Map();
  for (const e of entries) if (!named.has(e.name)) named.set(e.name, e.data);
  const indexBytes = named.get(INDEX);
  if (!indexBytes) {
    report('record.index', false, `${INDEX} is missing from the record`);
    return null;
  }
  let index;
  try {
    index = parseStrict(decodeText(indexBytes, INDEX), shapes.recordIndex, INDEX);
  } catch (e) {
    report('record.index', false, e.message);
    return null;
  }
  if (![VERSION, VERSION_WITHOUT_COMMITMENTS, VERSION_WITHOUT_LABELS].includes(index.version)) {
    report('record.version', false, `'${index.version}' is not a record version this verifier knows (${VERSION}, ${VERSION_WITHOUT_COMMITMENTS}, ${VERSION_WITHOUT_LABELS}).`);
    return null;
  }
  const problems = [];
  const files = new Map();
  for (const name of FILES) {
    const bytes = named.get(name);
    const expected = Object.hasOwn(index.files, name) ? index.files[name] : undefined;
    if (!bytes) problems.push(`${name} is missing`);
    else if (expected === undefined) problems.push(`${name} is not listed in ${INDEX}`);
    else if (bytesToHex(sha256(bytes)) !== expected) problems.push(`${name} does not match its SHA-256 in ${INDEX}`);
    if (bytes) files.set(name, bytes);
  }
  for (const name of Object.keys(index.files)) if (!FILES.includes(name)) problems.push(`${name} is listed in ${INDEX} but is not a file of the record`);
  const counts = new Map();
  for (const e of entries) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count > 1) problems.push(`${name} appears ${count} times in the archive (tools differ on which copy they read)`);
    if (name !== INDEX && !FILES.includes(name)) problems.push(`${name} is in the archive but is not a file of the record`);
  }
  report('record.files', problems.length === 0, problems.length === 0
    ? `${files.size} files match their SHA-256; record hash ${bytesToHex(sha256(indexBytes))}`
    : problems.join('; '));
  if (problems.length > 0) return null;
  files.version = index.version;
  return files;
}

function lines(bytes, file) {
  return decodeText(bytes, file).split('\n').map((text, i) => ({ text, number: i + 1 })).filter((l) => l.text.trim() !== '');
}

function castBallots(files, context, report, progress) {
  const all = lines(files.get('ballots.jsonl'), 'ballots.jsonl');
  const failures = [];
  const wrongCodes = [];
  const ballots = all.map((line, i) => {
    let parsed = null;
    let ballot = null;
    try {
      parsed = parseStrict(line.text, shapes.ballotLine, `ballots.jsonl line ${line.number}`);
      ballot = parsed.ballot;
      if (trackingCode(ballot).full !== parsed.trackingCode) wrongCodes.push(parsed.logIndex);
      const published = parsed.commitments ?? null;
      if ((published !== null) !== (files.version === VERSION)) {
        throw Object.assign(new ShapeError(published === null ? 'A v4 ballot line must carry its proofs\' commitments.' : 'Only a v4 record\'s ballot lines carry commitments.'), { check: 'ballot.commitments' });
      }
      if (context) {
        // Each proof's commitments are recomputed here anyway: a v4 line's must be the same (the C# verifier uses
        // them to check the proofs in batches; same verdicts).
        const failed = verifyBallot(context, ballot, published);
        if (failed.length > 0) {
          failures.push(`ballot ${i}: ${failed[0].check} at ${failed[0].at}`);
          ballot = null;
        }
      }
    } catch (e) {
      failures.push(`ballot ${i}: ${e.check ?? 'json'} (${e.message})`);
      ballot = null;
    }
    progress(`verified ${i + 1}/${all.length} ballots`, i + 1, all.length);
    return { logIndex: parsed?.logIndex ?? -1, trackingCode: parsed?.trackingCode ?? '', ballot };
  });
  report('ballots.proofs', context !== null && failures.length === 0, context === null
    ? 'not checked: the context could not be rebuilt'
    : failures.length === 0 ? `${all.length} ballots, every selection and contest proof holds${files.version === VERSION ? ' and matches the commitments published beside it' : ''}` : `${failures.length} of ${all.length} ballots fail: ${failures.slice(0, 10).join('; ')}`);

  const seen = new Map();
  for (const b of ballots) seen.set(b.trackingCode, (seen.get(b.trackingCode) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([code, n]) => `duplicate ${code.slice(0, 16)}… ×${n}`);
  const codesHold = wrongCodes.length === 0 && duplicates.length === 0;
  report('ballots.tracking-codes', codesHold, codesHold
    ? `${ballots.length} tracking codes recomputed from the ballots, all distinct`
    : [...wrongCodes.sort((a, b) => a - b).map((w) => `ballot ${w} does not hash to its tracking code`), ...duplicates].slice(0, 10).join('; '));

  const gaps = ballots.map((b, i) => (b.logIndex === i ? null : `line ${i} has position ${b.logIndex}`)).filter(Boolean);
  report('ballots.log-positions', gaps.length === 0, gaps.length === 0 ? `positions 0…${ballots.length - 1} in order, no gap` : `the log has gaps or is out of order: ${gaps.slice(0, 5).join('; ')}`);
  return ballots;
}

function spoiled(files, context, cast, report) {
  const castCodes = new Set(cast.map((b) => b.trackingCode));
  const problems = [];
  let count = 0;
  for (const line of lines(files.get('spoiled.jsonl'), 'spoiled.jsonl')) {
    const entry = parseStrict(line.text, shapes.spoiledLine, `spoiled.jsonl line ${line.number}`);
    count++;
    const code = entry.trackingCode;
    try {
      const failed = verifyBallot(context, entry.ballot);
      let opened = null;
      let openingFailure = null;
      try {
        opened = openBallot(context, entry.ballot, entry.nonces);
      } catch (e) {
        openingFailure = e.message;
      }
      if (failed.length > 0) problems.push(`${short(code)}: ${failed[0].check}`);
      else if (!opened) problems.push(`${short(code)}: ${openingFailure}`);
      else if (opened.contests.some((c) => !Object.hasOwn(entry.selections, c.contestId) || sortedCopy(entry.selections[c.contestId]).join('\n') !== sortedCopy(c.selected).join('\n'))) {
        problems.push(`${short(code)}: opens to other choices than published`);
      } else if (trackingCode(entry.ballot).full !== code) problems.push(`${short(code)}: does not hash to its tracking code`);
      if (castCodes.has(code)) problems.push(`${short(code)}: a spoiled ballot is among the cast ballots`);
    } catch (e) {
      if (!e.check) throw e;
      problems.push(`${code}: ${e.message}`);
    }
  }
  report('spoiled', problems.length === 0, problems.length === 0
    ? `${count} challenged ballots verify, open to their published choices, and none is counted`
    : problems.slice(0, 10).join('; '));
}

function tallyChecks(files, context, ballots, report) {
  const tally = parseStrict(decodeText(files.get('tally.json'), 'tally.json'), shapes.tally, 'tally.json');
  const valid = ballots.filter((b) => b.ballot).map((b) => b.ballot);
  const totals = encryptedTotals(context, valid);
  const same = valid.length === tally.ballotCount && sameTotals(totals, tally.encryptedTotals);
  report('tally.encrypted-totals', same, same
    ? `the product of ${valid.length} valid ballots equals the published encrypted totals (${totals.length} candidates)`
    : `recomputed from ${valid.length} valid ballots, the encrypted totals differ from the published ones (which claim ${tally.ballotCount} ballots)`);
  const failures = verifyDecryptions(context, tally);
  report('tally.decryptions', failures.length === 0, failures.length === 0
    ? `${tally.decryptions.length} trustee decryption shares with valid proofs decrypt the totals to the published counts`
    : failures.slice(0, 5).join('; '));
  resultCheck(files, context, tally, report);
}

function resultCheck(files, context, tally, report) {
  const expected = context.manifest.contests.flatMap((c) => c.candidates.map((x) => `${c.id}/${x}`));
  const positions = tally.positions.map((p) => `${p.contestId}/${p.candidateId}`);
  const positionsHold = positions.length === expected.length && positions.every((p, i) => p === expected[i]) && tally.counts.length === expected.length;
  report('tally.positions', positionsHold, positionsHold
    ? `the tally's ${expected.length} positions follow the manifest's contests and candidates in order`
    : "the tally's positions do not follow the manifest's contests and candidates in order: a count could be credited to the wrong candidate");
  if (!positionsHold) {
    report('result', false, "not checked against the counts: the tally's positions are not the manifest's");
    return;
  }
  let published;
  let shownNames;
  try {
    published = parseStrict(decodeText(files.get('result.json'), 'result.json'), shapes.result, 'result.json');
    shownNames = parseStrict(decodeText(files.get('contests.json'), 'contests.json'), shapes.contests, 'contests.json');
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    report('result', false, `the record's data is not in the documented shape: ${e.message}`);
    return;
  }
  const mismatches = [];
  const names = boundNames(context.manifest, shownNames, files.version, mismatches);
  if (published.ballots !== tally.ballotCount) mismatches.push(`result.json says ${published.ballots} ballots, the tally ${tally.ballotCount}`);
  let position = 0;
  for (const contest of context.manifest.contests) {
    const shown = published.contests.filter((c) => c.id === contest.id);
    const named = names.find((n) => n.id === contest.id);
    if (shown.length !== 1 || !named) {
      mismatches.push(`contest ${contest.id} appears ${shown.length} times in result.json and ${named ? 'once' : 'not'} in contests.json`);
      position += contest.candidates.length;
      continue;
    }
    if (shown[0].title !== named.title) mismatches.push(`contest ${contest.id} is titled differently in result.json and contests.json`);
    for (const candidate of contest.candidates) {
      const counted = tally.counts[position++];
      const rows = shown[0].candidates.filter((c) => c.id === candidate);
      const name = named.candidates.find((c) => c.id === candidate)?.name;
      if (rows.length !== 1) mismatches.push(`${contest.id}/${candidate} appears ${rows.length} times in result.json (decrypted ${counted})`);
      else if (rows[0].votes !== counted) mismatches.push(`${contest.id}/${candidate}: published ${rows[0].votes}, decrypted ${counted}`);
      else if (name === undefined || rows[0].name !== name) mismatches.push(`${contest.id}/${candidate} is named differently in result.json and contests.json`);
    }
    for (const extra of shown[0].candidates.map((c) => c.id).filter((id) => !contest.candidates.includes(id))) mismatches.push(`${contest.id}/${extra}: in result.json but not in the manifest`);
  }
  for (const extra of published.contests.map((c) => c.id).filter((id) => !context.manifest.contests.some((c) => c.id === id))) mismatches.push(`contest ${extra}: in result.json but not in the manifest`);
  report('result', mismatches.length === 0, mismatches.length === 0
    ? `the published result equals the decrypted counts (${tally.ballotCount} ballots)` + (context.manifest.labels
      ? '; titles and names are those bound into the manifest hash'
      : '; titles and names as in contests.json, which this v2 record does not bind into the manifest hash')
    : mismatches.join('; '));
}

/** From v3 the titles and names are the manifest's labels, and contests.json must say the same. */
function boundNames(manifest, contestsJson, version, mismatches) {
  if (!manifest.labels) {
    if (hasLabels(version)) mismatches.push("a v3 or v4 record's manifest must carry its titles and names (labels)");
    return contestsJson;
  }
  const bound = manifest.contests.map((c, i) => ({
    id: c.id,
    title: manifest.labels.contests[i].title,
    candidates: c.candidates.map((x, j) => ({ id: x, name: manifest.labels.contests[i].candidates[j] })),
  }));
  for (const contest of bound) {
    const shown = contestsJson.find((c) => c.id === contest.id);
    const same = shown && shown.title === contest.title && shown.candidates.length === contest.candidates.length
      && shown.candidates.every((c, i) => c.id === contest.candidates[i].id && c.name === contest.candidates[i].name);
    if (!same) mismatches.push(`contests.json shows contest ${contest.id} otherwise than the titles and names bound into the manifest`);
  }
  return bound;
}

function recordAnchors(ledger, leaves, report) {
  const problems = [];
  let last = -1;
  for (const anchor of ledger.anchors) {
    const size = anchor.treeSize;
    if (size < last) problems.push(`tree size ${size} after ${last}: the log shrank`);
    last = Math.max(last, size);
    if (size > leaves.length) problems.push(`anchor of ${size} ballots, but the record has ${leaves.length}`);
    else if (size < 0 || bytesToHex(root(leaves, size)) !== anchor.root) problems.push(`the root anchored at size ${size} is not the root of the record's first ${size} ballots`);
  }
  report('ledger.roots', problems.length === 0, problems.length === 0
    ? `${ledger.anchors.length} anchors in the record: each root recomputed from the ballot log, sizes only grow (each anchored log extends the one before)`
    : problems.slice(0, 10).join('; '));

  const anchors = ledger.anchors;
  if (anchors.length === 0 && ledger.contract === null) {
    report('ledger.close', true, 'not checked: the record was not anchored on any chain, so nothing outside it fixes the ballot log', true);
    return;
  }
  const closing = [];
  const close = anchors[anchors.length - 1];
  if (!close || close.kind !== 'Close') closing.push("the record's last anchor is not the election's close");
  else if (close.treeSize !== leaves.length) closing.push(`the close covers ${close.treeSize} ballots; the record has ${leaves.length}`);
  closing.push(...anchors.filter((a) => a.status !== 'Final').slice(0, 5).map((a) => `the ${a.kind} anchor at size ${a.treeSize} is '${a.status}', not final`));
  report('ledger.close', closing.length === 0, closing.length === 0
    ? `the record's anchors are all final and end with the close at ${leaves.length} ballots`
    : closing.join('; '));
}

function announcementCheck(contextJson, ledger, announcement, report) {
  if (!announcement) {
    report('announcement', true, "not checked: the record's own contract and context were trusted; give --announcement (the election's page or invitation) to check them against what was announced before voting", true);
    return;
  }
  if (!contextJson) throw new ShapeError('context.json is not in its documented shape');
  const problems = [];
  if (contextJson.contextHash !== announcement.contextHash) problems.push(`the record's context hash ${contextJson.contextHash} is not the announced ${announcement.contextHash}: another manifest, key or set of trustees`);
  const contract = ledger?.contract?.toLowerCase();
  if (ledger?.chainId !== announcement.chainId) problems.push(`the record is on chain ${ledger?.chainId}, the election announced chain ${announcement.chainId}`);
  if (contract !== announcement.contract) problems.push(`the record's contract ${contract} is not the announced ${announcement.contract}`);
  if (ledger?.electionId !== announcement.contextHash) problems.push(`the record's election id on the chain ${ledger?.electionId} is not the announced context hash`);
  report('announcement', problems.length === 0, problems.length === 0
    ? `the record's context hash, chain ${ledger.chainId} and contract ${contract} are those announced before voting (authority ${announcement.authority})`
    : problems.join('; '));
}

/** The close statement (docs/election-record.md): what the chain's ElectionClosed must carry as its resultHash. */
function closeStatementOf(files, contextJson, leaves) {
  if (!contextJson) throw new ShapeError('context.json is not in its documented shape');
  const codes = lines(files.get('spoiled.jsonl'), 'spoiled.jsonl').map((l) => parseStrict(l.text, shapes.spoiledLine, `spoiled.jsonl line ${l.number}`).trackingCode);
  const spoiledLeaves = sortedCopy(codes).map((code) => leaf(safeHex(code)));
  return bytesToHex(new Transcript('ballotline/v1/close')
    .bytes(safeHex(contextJson.contextHash))
    .number(leaves.length)
    .bytes(root(leaves, leaves.length))
    .number(spoiledLeaves.length)
    .bytes(root(spoiledLeaves, spoiledLeaves.length))
    .bytes(sha256(files.get('tally.json')))
    .bytes(sha256(files.get('result.json')))
    .digest());
}

async function chainChecks(ledger, leaves, closeStatement, options, report) {
  if (!options.rpcUrl) {
    report('chain.anchors', true, 'not checked: give --rpc URL to compare the roots with the contract\'s', true);
    return;
  }
  if (!ledger.contract || !ledger.electionId) {
    report('chain.anchors', false, 'the record names no contract or election id on the chain');
    return;
  }
  const reader = new ChainReader(options.rpcUrl, options.fetch);
  try {
    const chainId = await reader.chainId();
    if (!options.announcement) {
      report('chain.contract', true, 'not checked: without --announcement the authority that may write to the contract is unknown, so anyone\'s contract would do', true);
    } else {
      const mismatch = ledgerCodeMismatch(await reader.code(ledger.contract), options.ledgerCode, options.announcement.authority);
      report('chain.contract', mismatch === null, mismatch === null
        ? `the code at ${ledger.contract} is BallotLedger's, writable only by the announced authority ${options.announcement.authority}`
        : `the contract at ${ledger.contract}: ${mismatch}`);
    }
    const onChain = await reader.anchors(ledger.contract, ledger.electionId);
    const problems = [];
    if (chainId !== ledger.chainId) problems.push(`the RPC endpoint is chain ${chainId}, the record's chain is ${ledger.chainId}`);
    for (const a of onChain) {
      if (a.treeSize > leaves.length || bytesToHex(root(leaves, a.treeSize)) !== a.root) {
        problems.push(`the chain's root for size ${a.treeSize} (transaction ${a.transactionHash.slice(0, 10)}…) is not the root of the record's ballot log`);
      }
    }
    for (let i = 1; i < onChain.length; i++) {
      if (onChain[i].treeSize < onChain[i - 1].treeSize) problems.push(`the chain's anchored size went from ${onChain[i - 1].treeSize} to ${onChain[i].treeSize}`);
    }
    for (const anchor of ledger.anchors.filter((a) => a.status === 'Final')) {
      if (!onChain.some((c) => c.transactionHash.toLowerCase() === anchor.transactionHash.toLowerCase() && c.treeSize === anchor.treeSize && c.root === anchor.root)) {
        problems.push(`the record's final anchor in transaction ${short(anchor.transactionHash)} is not on the chain with that size and root`);
      }
    }
    const close = onChain.filter((a) => a.kind === 'Close').pop();
    if (!close) problems.push('the election was not closed on the chain');
    else if (close.treeSize !== leaves.length) problems.push(`the chain closed the log at ${close.treeSize} ballots; the record has ${leaves.length}`);
    else if (closeStatement !== null && close.resultHash !== closeStatement) problems.push("the chain's close statement does not commit to this record's challenged ballots, tally and result: one of them was changed, added or removed");
    report('chain.anchors', problems.length === 0, problems.length === 0
      ? `${onChain.length} anchors read from contract ${ledger.contract} on chain ${chainId} match the record's ballot log; closed at ${close.treeSize} ballots`
        + (closeStatement === null ? "; this v2 record's close commits to no spoiled ballots" : '; the close statement commits to the record\'s challenged ballots, tally and result')
      : problems.slice(0, 10).join('; '));
  } catch (e) {
    if (!(e instanceof ChainError)) throw e;
    report('chain.anchors', false, `the chain could not be read at ${options.rpcUrl}: ${e.message}`);
  }
}

/** The one verdict, as `ballotline-verify` gives it: { verdict, exitCode }. */
export function verdict(checks) {
  const failed = checks.filter((c) => !c.passed).length;
  const skipped = checks.filter((c) => c.skipped);
  if (failed > 0) return { verdict: 'NOT VERIFIED', exitCode: 1 };
  if (skipped.length === 0) return { verdict: 'VERIFIED', exitCode: 0 };
  const missing = [];
  if (skipped.some((c) => c.name.startsWith('chain.anchors'))) missing.push('THE CHAIN (the anchored roots were not read from the chain: give --rpc)');
  if (skipped.some((c) => c.name === 'announcement' || c.name === 'chain.contract')) missing.push("THE ANNOUNCEMENT (the record's own contract was trusted: give --announcement)");
  if (skipped.some((c) => c.name === 'ledger.close')) missing.push('ANY CHAIN (the record was never anchored)');
  return { verdict: `VERIFIED WITHOUT ${(missing.length ? missing : ['SOME CHECKS']).join(' AND ')}`, exitCode: 3 };
}
