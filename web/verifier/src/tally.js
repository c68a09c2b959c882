// The tally's checks: encrypted totals recomputed from the valid ballots, every trustee's decryption shares
// against its verification key, the quorum, the counts (docs/cryptography.md, "Threshold trustees").
import { G, Point, Transcript, generatorPower, mod, pointFromHex, power, scalarFromHex } from '../../ballot-crypto/src/index.js';
import { verificationKey } from './context.js';

const IDENTITY = '0'.repeat(66);
export const pointOrIdentity = (hex) => (hex === IDENTITY ? Point.ZERO : pointFromHex(hex));
const cipherFrom = (c) => ({ pad: pointOrIdentity(c.pad), data: pointOrIdentity(c.data) });

/** The componentwise product of the ballots' ciphertexts, one per manifest position. */
export function encryptedTotals(context, ballots) {
  const totals = context.contests.flatMap((c) => c.candidates.map(() => ({ pad: Point.ZERO, data: Point.ZERO })));
  for (const ballot of ballots) {
    let position = 0;
    for (const contest of ballot.contests) {
      for (const s of contest.selections) {
        const total = totals[position++];
        total.pad = total.pad.add(pointFromHex(s.ciphertext.pad));
        total.data = total.data.add(pointFromHex(s.ciphertext.data));
      }
    }
  }
  return totals;
}

export const sameTotals = (computed, published) =>
  computed.length === published.length && computed.every((t, i) => t.pad.equals(cipherFrom(published[i]).pad) && t.data.equals(cipherFrom(published[i]).data));

/** w_ℓ = Π_{m≠ℓ} m / (m − ℓ) mod n. */
export function lagrange(indices) {
  return indices.map((l) => {
    let numerator = 1n;
    let denominator = 1n;
    for (const m of indices) {
      if (m === l) continue;
      numerator = mod(numerator * BigInt(m));
      denominator = mod(denominator * BigInt(m - l));
    }
    return mod(numerator * Point.Fn.inv(denominator));
  });
}

/** Every failure of the decryption shares, quorum and counts, as strings; empty when they hold. */
export function verifyDecryptions(context, tally) {
  const failures = [];
  const ciphertexts = tally.encryptedTotals.map(cipherFrom);
  const accepted = [];
  for (const partial of tally.decryptions) {
    const l = partial.trusteeIndex;
    let failure = null;
    if (l < 1 || l > context.trustees) failure = `there is no trustee ${l} in a ${context.quorum}-of-${context.trustees} election`;
    else if (accepted.some((p) => p.trusteeIndex === l)) failure = 'a second set of shares from the same trustee';
    else if (partial.shares.length !== ciphertexts.length || partial.proofs.length !== ciphertexts.length) failure = `${partial.shares.length} shares and ${partial.proofs.length} proofs for ${ciphertexts.length} ciphertexts`;
    else {
      const y = verificationKey(l, context.commitments);
      for (let i = 0; i < ciphertexts.length && failure === null; i++) {
        // Chaum–Pedersen: a = g^v·Y^c, b = α^v·M^c, c = H(P(decryption-proof, extended hash, trustee/ℓ/decryption), Y, α, β, M, a, b).
        const { pad, data } = ciphertexts[i];
        const share = pointOrIdentity(partial.shares[i]);
        const c = scalarFromHex(partial.proofs[i].challenge);
        const v = scalarFromHex(partial.proofs[i].response);
        const a = power(G, v).add(power(y, c));
        const b = power(pad, v).add(power(share, c));
        const expected = new Transcript('ballotline/v1/decryption-proof').bytes(context.electionHash).text(`trustee/${l}/decryption`)
          .point(y).point(pad).point(data).point(share).point(a).point(b).challenge();
        if (expected !== c) failure = `share ${i}: the decryption proof does not hold`;
      }
    }
    if (failure) failures.push(`decryption.trustee[${l}]: ${failure}`);
    else accepted.push(partial);
  }
  if (accepted.length < context.quorum) failures.push(`decryption.quorum: ${accepted.length} valid decryption share(s); the quorum is ${context.quorum}`);
  if (tally.counts.length !== ciphertexts.length) failures.push(`decryption.count: ${tally.counts.length} results claimed for ${ciphertexts.length} ciphertexts`);
  if (failures.length > 0) return failures;
  const used = accepted.slice(0, context.quorum);
  const weights = lagrange(used.map((p) => p.trusteeIndex));
  ciphertexts.forEach((ciphertext, i) => {
    const combined = used.reduce((m, p, t) => m.add(power(pointOrIdentity(p.shares[i]), weights[t])), Point.ZERO);
    const count = tally.counts[i];
    if (count < 0 || !generatorPower(BigInt(count)).add(combined).equals(ciphertext.data)) {
      failures.push(`decryption.result[${i}]: the claimed result ${count} does not follow from the ciphertext and the trustees' shares`);
    }
  });
  return failures;
}
