// Disjunctive Chaum–Pedersen range proof (src/Ballotline.Crypto/Proofs/RangeProof.cs): (α, β) encrypts a value in [min, max].
import { G, Point, generatorPower, mod, publicDoublePower, secretPower } from './group.js';
import { Transcript } from './transcript.js';

const DOMAIN = 'ballotline/v1/range-proof';
export const MAX_BRANCHES = 64;

// a_j = g^v·α^c and b_j = K^v·(β/g^j)^c from public values, each as one double-scalar multiplication
// (Strauss–Shamir: one doubling chain for both terms), which is most of a ballot's verification time.
function commitments(alpha, beta, j, c, v, key) {
  const shifted = j === 0 ? beta : beta.subtract(generatorPower(BigInt(j)));
  return [publicDoublePower(G, v, alpha, c), publicDoublePower(key, v, shifted, c)];
}

function challenge(ciphertext, min, max, key, context, points) {
  const t = new Transcript(DOMAIN).bytes(context.electionHash).text(context.subject).point(key)
    .point(ciphertext.pad).point(ciphertext.data).number(min).number(max);
  for (const p of points) t.point(p);
  return t.challenge();
}

/**
 * Proves that ciphertext = (g^r, K^r·g^value) holds a value in [min, max]; `next` draws nonces in the C# library's order.
 * Knowing r, the prover computes a fake branch j's commitments from g and K alone: with s = v + c·r, a = g^s and
 * b = K^s·g^(c·(value−j)) — the points a verifier recomputes as g^v·α^c and K^v·(β/g^j)^c. Every multiplication is
 * then by a secret through noble's constant-time `multiply`, in the same sequence whatever the value (the true
 * branch's two, then three per fake branch in index order), as in src/Ballotline.Crypto/Proofs/RangeProof.cs.
 */
export function proveRange(ciphertext, nonce, value, min, max, key, context, next) {
  if (min < 0 || max < min || max - min + 1 > MAX_BRANCHES) throw new RangeError(`The range [${min}, ${max}] cannot be proven.`);
  if (value < min || value > max) throw new RangeError(`${value} is outside [${min}, ${max}].`);
  const count = max - min + 1;
  const real = value - min;
  const challenges = new Array(count);
  const responses = new Array(count);
  const points = new Array(2 * count);
  const u = next();
  for (let i = 0; i < count; i++) {
    if (i === real) continue;
    challenges[i] = next();
    responses[i] = next();
  }
  points[2 * real] = secretPower(G, u);
  points[2 * real + 1] = secretPower(key, u);
  for (let i = 0; i < count; i++) {
    if (i === real) continue;
    const s = mod(responses[i] + challenges[i] * nonce);
    points[2 * i] = secretPower(G, s);
    points[2 * i + 1] = secretPower(key, s).add(secretPower(G, mod(challenges[i] * BigInt(real - i))));
  }
  const c = challenge(ciphertext, min, max, key, context, points);
  const fakes = challenges.reduce((sum, x, i) => (i === real ? sum : sum + x), 0n);
  challenges[real] = mod(c - fakes);
  responses[real] = mod(u - challenges[real] * nonce);
  return { challenges, responses };
}

/** Null when the proof holds, otherwise the failed check's name. */
// The 33-byte compressed encoding, the identity as 33 zero bytes (as the C# library writes it).
const encodePoint = (p) => (p.equals(Point.ZERO) ? '00'.repeat(33) : p.toHex(true));

/**
 * The failed check ('range', 'branches', 'challenge', 'commitments') or null. `published`: the commitments a v4
 * election record prints beside the proof (hex of a_0, b_0, a_1, b_1, … concatenated), which must be the ones
 * recomputed here.
 */
export function verifyRange(ciphertext, proof, min, max, key, context, published = null) {
  if (min < 0 || max < min || max - min + 1 > MAX_BRANCHES) return 'range';
  const count = max - min + 1;
  if (proof.challenges.length !== count || proof.responses.length !== count) return 'branches';
  const points = [];
  let sum = 0n;
  for (let i = 0; i < count; i++) {
    points.push(...commitments(ciphertext.pad, ciphertext.data, min + i, proof.challenges[i], proof.responses[i], key));
    sum += proof.challenges[i];
  }
  if (challenge(ciphertext, min, max, key, context, points) !== mod(sum)) return 'challenge';
  return published === null || published === points.map(encodePoint).join('') ? null : 'commitments';
}
