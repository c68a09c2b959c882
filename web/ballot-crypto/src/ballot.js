// Ballots (src/Ballotline.Crypto/Ballots): encryption selection by selection with proofs, tracking codes,
// verification, and opening a challenged (spoiled) ballot with its nonces.
import { G, Point, mod, pointFromHex, pointToHex, power, scalarFromHex, scalarToHex, secretPower } from './group.js';
import { proveRange, verifyRange } from './range-proof.js';
import { Transcript } from './transcript.js';
import { secureNonces } from './nonces.js';

export const BALLOT_VERSION = 'ballotline/ballot/v1';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const selectionSubject = (contest, candidate) => `contest/${contest}/selection/${candidate}`;
const sumSubject = (contest) => `contest/${contest}/sum`;

/** What the browser needs to encrypt: the election key, the extended context hash and the contests. */
export function electionContext({ publicKey, extendedHash, contests }) {
  // The key is multiplied by a secret at least twice per selection: a cached table (built on first use) makes
  // that as fast as multiplying g, and noble's table walk is constant time.
  return { key: pointFromHex(publicKey).precompute(6), extendedHash, electionHash: hexToBytes(extendedHash), contests };
}

function validate(contests, plaintext) {
  const choices = new Map();
  for (const contest of plaintext.contests ?? []) {
    const description = contests.find((c) => c.id === contest.contestId);
    if (!description) throw new Error(`The ballot names contest '${contest.contestId}', which is not in this election.`);
    if (choices.has(contest.contestId)) throw new Error(`Contest '${contest.contestId}' appears twice on the ballot.`);
    const selected = new Set();
    for (const candidate of contest.selected ?? []) {
      if (!description.candidates.includes(candidate)) throw new Error(`Contest '${contest.contestId}' has no candidate '${candidate}'.`);
      if (selected.has(candidate)) throw new Error(`Candidate '${candidate}' is selected twice in contest '${contest.contestId}'.`);
      selected.add(candidate);
    }
    choices.set(contest.contestId, selected);
  }
  for (const c of contests) {
    const count = choices.get(c.id)?.size ?? 0;
    if (count < c.minSelections || count > c.maxSelections) {
      throw new Error(`Contest '${c.id}' needs ${c.minSelections === c.maxSelections ? `exactly ${c.maxSelections}` : `${c.minSelections} to ${c.maxSelections}`} selections, not ${count}.`);
    }
  }
  return choices;
}

const proofJson = (p) => ({ challenges: p.challenges.map(scalarToHex), responses: p.responses.map(scalarToHex) });
const proofFrom = (p) => ({ challenges: p.challenges.map(scalarFromHex), responses: p.responses.map(scalarFromHex) });
const cipherFrom = (c) => ({ pad: pointFromHex(c.pad), data: pointFromHex(c.data) });

/**
 * Encrypts a plaintext ({ contests: [{ contestId, selected: [...] }] }) for the election. Returns the ballot as
 * the server's JSON, its tracking codes, and the selection nonces that open it if the voter challenges it.
 */
export function encryptBallot(context, plaintext, next = secureNonces()) {
  const choices = validate(context.contests, plaintext);
  const nonZero = () => {
    for (;;) {
      const r = next();
      if (r !== 0n) return r;
    }
  };
  const contests = [];
  const nonces = [];
  for (const contest of context.contests) {
    const selected = choices.get(contest.id) ?? new Set();
    const selections = [];
    const contestNonces = [];
    let sumNonce = 0n;
    let sum = { pad: Point.ZERO, data: Point.ZERO };
    for (const candidate of contest.candidates) {
      const vote = selected.has(candidate) ? 1 : 0;
      const r = nonZero();
      // K^r·g^(vote+1)·g^−1: the same operations for 0 and 1 (g^0 is the identity, which an addition returns at once).
      const ciphertext = { pad: secretPower(G, r), data: secretPower(context.key, r).add(secretPower(G, BigInt(vote + 1))).subtract(G) };
      const proof = proveRange(ciphertext, r, vote, 0, 1, context.key, { electionHash: context.electionHash, subject: selectionSubject(contest.id, candidate) }, next);
      selections.push({ candidateId: candidate, ciphertext: { pad: pointToHex(ciphertext.pad), data: pointToHex(ciphertext.data) }, proof: proofJson(proof) });
      contestNonces.push(scalarToHex(r));
      sumNonce = mod(sumNonce + r);
      sum = { pad: sum.pad.add(ciphertext.pad), data: sum.data.add(ciphertext.data) };
    }
    const sumProof = proveRange(sum, sumNonce, selected.size, contest.minSelections, contest.maxSelections, context.key,
      { electionHash: context.electionHash, subject: sumSubject(contest.id) }, next);
    contests.push({ contestId: contest.id, selections, sumProof: proofJson(sumProof) });
    nonces.push(contestNonces);
  }
  const ballot = { version: BALLOT_VERSION, contextHash: context.extendedHash, contests };
  const code = trackingCode(ballot);
  return { ballot, nonces, trackingCode: code.full, trackingCodeShort: code.short };
}

/** SHA-256 of the ballot's canonical transcript: the full code (64 hex) and the short Crockford form. */
export function trackingCode(ballot) {
  const scalars = (t, list) => {
    t.number(list.length);
    for (const s of list) t.scalar(scalarFromHex(s));
  };
  const t = new Transcript('ballotline/v1/ballot').text(ballot.version).text(ballot.contextHash).number(ballot.contests.length);
  for (const contest of ballot.contests) {
    t.text(contest.contestId).number(contest.selections.length);
    for (const s of contest.selections) {
      t.text(s.candidateId).point(pointFromHex(s.ciphertext.pad)).point(pointFromHex(s.ciphertext.data));
      scalars(t, s.proof.challenges);
      scalars(t, s.proof.responses);
    }
    scalars(t, contest.sumProof.challenges);
    scalars(t, contest.sumProof.responses);
  }
  const digest = t.digest();
  let bits = 0n;
  for (const b of digest.slice(0, 10)) bits = (bits << 8n) | BigInt(b);
  let short = '';
  for (let i = 15; i >= 0; i--) {
    short = CROCKFORD[Number(bits & 31n)] + short;
    bits >>= 5n;
    if (i % 4 === 0 && i > 0) short = '-' + short;
  }
  return { full: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), short };
}

/**
 * Every failed check of the ballot, by name and place; empty when it is valid for this election. `published`: the
 * proofs' commitments a v4 election record prints beside the ballot (one hex string per range proof, contest by
 * contest, its selections' proofs then its sum proof), each of which must be what the proof gives.
 */
export function verifyBallot(context, ballot, published = null) {
  const failures = [];
  let next = 0;
  const commitmentsOf = () => (published === null ? null : published[next++] ?? '');
  if (ballot.version !== BALLOT_VERSION) failures.push({ check: 'version', at: '$' });
  if (ballot.contextHash !== context.extendedHash) failures.push({ check: 'context', at: '$.contextHash' });
  if (ballot.contests.length !== context.contests.length) return [...failures, { check: 'contests', at: '$.contests' }];
  context.contests.forEach((contest, ci) => {
    const c = ballot.contests[ci];
    if (c.contestId !== contest.id || c.selections.length !== contest.candidates.length) {
      failures.push({ check: 'contest', at: `$.contests[${ci}]` });
      return;
    }
    let sum = { pad: Point.ZERO, data: Point.ZERO };
    c.selections.forEach((s, si) => {
      if (s.candidateId !== contest.candidates[si]) {
        failures.push({ check: 'selection', at: `$.contests[${ci}].selections[${si}]` });
        return;
      }
      const ciphertext = cipherFrom(s.ciphertext);
      sum = { pad: sum.pad.add(ciphertext.pad), data: sum.data.add(ciphertext.data) };
      const failed = verifyRange(ciphertext, proofFrom(s.proof), 0, 1, context.key, { electionHash: context.electionHash, subject: selectionSubject(contest.id, s.candidateId) }, commitmentsOf());
      if (failed) failures.push({ check: `selection.${failed}`, at: `$.contests[${ci}].selections[${si}].proof` });
    });
    const failed = verifyRange(sum, proofFrom(c.sumProof), contest.minSelections, contest.maxSelections, context.key, { electionHash: context.electionHash, subject: sumSubject(contest.id) }, commitmentsOf());
    if (failed) failures.push({ check: `contest.${failed}`, at: `$.contests[${ci}].sumProof` });
  });
  if (published !== null && failures.length === 0 && next !== published.length) failures.push({ check: 'commitments', at: '$' });
  return failures;
}

/**
 * Opens a challenged ballot with its selection nonces: each selection must be (g^r, K^r) or (g^r, K^r·g),
 * which reveals 0 or 1. Returns { contests: [{ contestId, selected }] }, or throws naming the selection that
 * does not open — proof that the device encrypted something else.
 */
export function openBallot(context, ballot, nonces) {
  return {
    contests: ballot.contests.map((c, ci) => ({
      contestId: c.contestId,
      selected: c.selections.filter((s, si) => {
        const r = scalarFromHex(nonces[ci][si]);
        const ciphertext = cipherFrom(s.ciphertext);
        if (!ciphertext.pad.equals(power(G, r))) throw new Error(`The nonce for ${c.contestId}/${s.candidateId} does not open its ciphertext.`);
        const masked = power(context.key, r);
        if (ciphertext.data.equals(masked)) return false;
        if (ciphertext.data.equals(masked.add(G))) return true;
        throw new Error(`${c.contestId}/${s.candidateId} encrypts neither 0 nor 1.`);
      }).map((s) => s.candidateId),
    })),
  };
}
