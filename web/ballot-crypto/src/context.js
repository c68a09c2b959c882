// The election context rebuilt from manifest.json and the trustees' commitments (docs/cryptography.md,
// "Every hashed value, field by field"): manifest hash, base hash, every key proof, the election key, the
// commitments hash and the extended (context) hash every ballot and decryption proof is bound to.
// Here rather than in the verifier since the voter's device rebuilds the context too, before it encrypts.
import { G, Point, mod, pointFromHex, power, scalarFromHex } from './group.js';
import { Transcript } from './transcript.js';

const bytesToHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export class ContextError extends Error {}

export function manifestHash(manifest) {
  const labels = manifest.labels;
  const t = new Transcript(labels ? 'ballotline/v2/manifest' : 'ballotline/v1/manifest').text(manifest.electionId);
  if (labels) t.text(labels.title);
  t.number(manifest.contests.length);
  manifest.contests.forEach((contest, i) => {
    t.text(contest.id);
    if (labels) t.text(labels.contests[i].title);
    t.number(contest.minSelections).number(contest.maxSelections).number(contest.candidates.length);
    contest.candidates.forEach((candidate, j) => {
      t.text(candidate);
      if (labels) t.text(labels.contests[i].candidates[j]);
    });
  });
  return t.digest();
}

function checkManifest(manifest) {
  const ids = new Set();
  for (const contest of manifest.contests) {
    if (ids.has(contest.id)) throw new ContextError(`contest ${contest.id} appears twice in the manifest`);
    ids.add(contest.id);
    if (new Set(contest.candidates).size !== contest.candidates.length) throw new ContextError(`contest ${contest.id} lists a candidate twice`);
    if (contest.minSelections < 0 || contest.maxSelections < contest.minSelections || contest.maxSelections > contest.candidates.length || contest.maxSelections - contest.minSelections + 1 > 64) {
      throw new ContextError(`contest ${contest.id} has selection limits [${contest.minSelections}, ${contest.maxSelections}] that do not fit its ${contest.candidates.length} candidates`);
    }
  }
  const labels = manifest.labels;
  if (labels && (labels.contests.length !== manifest.contests.length || labels.contests.some((c, i) => c.candidates.length !== manifest.contests[i].candidates.length))) {
    throw new ContextError("the manifest's labels do not name each contest and candidate once");
  }
}

export const baseHash = (manifest, trustees, quorum) =>
  new Transcript('ballotline/v1/base-hash').text('secp256k1').bytes(manifestHash(manifest)).number(trustees).number(quorum).digest();

/** Y_ℓ = Π_i Π_j K_ij^(ℓ^j): trustee ℓ's verification key, from the commitments alone. */
export function verificationKey(index, commitments) {
  let key = Point.ZERO;
  for (const c of commitments) {
    let x = 1n;
    for (const coefficient of c.points) {
      key = key.add(power(coefficient, x));
      x = mod(x * BigInt(index));
    }
  }
  return key;
}

/**
 * Rebuilds the context from the manifest, the trustee count, the quorum and the commitments; throws naming the
 * trustee whose key proof fails. Returns what the checks of ballots and decryptions need.
 */
export function buildContext(manifest, trustees, quorum, commitmentsJson) {
  checkManifest(manifest);
  if (quorum < 1 || quorum > trustees) throw new ContextError(`a quorum of ${quorum} out of ${trustees} trustees is impossible`);
  const indices = commitmentsJson.map((c) => c.trusteeIndex).sort((a, b) => a - b);
  if (indices.length !== trustees || indices.some((index, i) => index !== i + 1)) {
    throw new ContextError(`the commitments are from trustees ${indices.join(', ')}, not exactly 1 to ${trustees}`);
  }
  const base = baseHash(manifest, trustees, quorum);
  const commitments = [...commitmentsJson].sort((a, b) => a.trusteeIndex - b.trusteeIndex).map((c) => {
    if (c.coefficients.length !== quorum || c.proofs.length !== quorum) {
      throw new ContextError(`trustee ${c.trusteeIndex} commits to ${c.coefficients.length} coefficients with ${c.proofs.length} proofs; a quorum of ${quorum} needs ${quorum}`);
    }
    const points = c.coefficients.map(pointFromHex);
    points.forEach((point, j) => {
      // Schnorr: g^u = g^v · K_ij^c, and c = H(P(schnorr-proof, base hash, trustee/i/coefficient/j), K_ij, g^u).
      const challenge = scalarFromHex(c.proofs[j].challenge);
      const response = scalarFromHex(c.proofs[j].response);
      const commitment = power(G, response).add(power(point, challenge));
      const expected = new Transcript('ballotline/v1/schnorr-proof').bytes(base).text(`trustee/${c.trusteeIndex}/coefficient/${j}`).point(point).point(commitment).challenge();
      if (expected !== challenge) throw new ContextError(`trustee ${c.trusteeIndex}: the proof of coefficient ${j} does not hold`);
    });
    return { index: c.trusteeIndex, points };
  });
  const key = commitments.reduce((k, c) => k.add(c.points[0]), Point.ZERO);
  const commitmentsHash = new Transcript('ballotline/v1/trustee-commitments').number(commitments.length);
  for (const c of commitments) {
    commitmentsHash.number(c.index).number(c.points.length);
    for (const p of c.points) commitmentsHash.point(p);
  }
  const extended = new Transcript('ballotline/v1/extended-base-hash').bytes(base).point(key).bytes(commitmentsHash.digest()).digest();
  return {
    manifest,
    trustees,
    quorum,
    commitments,
    key,
    electionHash: extended,
    extendedHash: bytesToHex(extended),
    contests: manifest.contests,
  };
}
