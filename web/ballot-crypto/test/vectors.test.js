// The JavaScript implementation against the shared vectors the C# library generates (tests/vectors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CryptoFormatError, Transcript, deterministicNonces, electionContext, encryptBallot, generatorPower, openBallot,
  pointFromHex, pointToHex, scalarFromHex, trackingCode, verifyBallot, verifyRange,
} from '../src/index.js';

const vector = (name) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../tests/vectors/${name}`, import.meta.url)), 'utf8'));
const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const contextOf = (v) => electionContext({ publicKey: v.publicKey, extendedHash: v.extendedHash, contests: v.manifest.contests });

test('generator powers match the group vector and every invalid encoding fails its named check', () => {
  const group = vector('group.json');
  for (const { scalar, point } of group.generatorPowers) assert.equal(pointToHex(generatorPower(scalarFromHex(scalar))), point);
  for (const { hex, check } of group.invalidPoints) assert.throws(() => pointFromHex(hex), (e) => e instanceof CryptoFormatError && e.check === check);
  for (const { hex, check } of group.invalidScalars) assert.throws(() => scalarFromHex(hex), (e) => e instanceof CryptoFormatError && e.check === check);
});

test('the transcript encoding hashes to the vector', () => {
  const v = vector('transcript.json');
  const [label, ...fields] = v.fields;
  const t = new Transcript(label.label);
  for (const f of fields) {
    if ('text' in f) t.text(f.text);
    else if ('int64' in f) t.number(f.int64);
    else if ('scalar' in f) t.scalar(scalarFromHex(f.scalar));
    else if ('point' in f) t.point(pointFromHex(f.point));
    else if ('bytes' in f) t.bytes(hexToBytes(f.bytes));
  }
  assert.equal(Buffer.from(t.digest()).toString('hex'), v.sha256);
});

test('the range proof vector verifies and its tampered copy fails the challenge check', () => {
  const v = vector('proofs.json');
  const context = { electionHash: hexToBytes(v.electionHash), subject: v.subject };
  const key = pointFromHex(v.publicKey);
  const read = (p) => ({
    ciphertext: { pad: pointFromHex(p.ciphertext.pad), data: pointFromHex(p.ciphertext.data) },
    proof: { challenges: p.proof.challenges.map(scalarFromHex), responses: p.proof.responses.map(scalarFromHex) },
  });
  const good = read(v.rangeProof);
  assert.equal(verifyRange(good.ciphertext, good.proof, 0, 1, key, context), null);
  const bad = read(v.rangeProofTampered);
  assert.equal(verifyRange(bad.ciphertext, bad.proof, 0, 1, key, context), v.rangeProofTampered.check);
  assert.equal(verifyRange(good.ciphertext, good.proof, 0, 1, key, { ...context, subject: 'contest/mayor/selection/bob' }), 'challenge');
});

test('the ballot vector verifies, its tracking codes match, and its nonces open it to its plaintext', () => {
  const v = vector('ballot.json');
  const context = contextOf(v);
  assert.deepEqual(verifyBallot(context, v.ballot), []);
  assert.deepEqual(trackingCode(v.ballot), { full: v.trackingCode, short: v.trackingCodeShort });
  assert.deepEqual(openBallot(context, v.ballot, v.nonces), v.plaintext);
});

test('encrypting with the seeded nonce source reproduces the C# ballot byte for byte', () => {
  const v = vector('ballot-encryption.json');
  const seed = new TextEncoder().encode(v.seed);
  const first = deterministicNonces(seed);
  assert.deepEqual([first(), first(), first()].map((s) => s.toString(16).padStart(64, '0')), v.firstNonces);

  const result = encryptBallot(contextOf(v), v.plaintext, deterministicNonces(seed));

  assert.deepEqual(result.ballot, v.ballot);
  assert.deepEqual(result.nonces, v.nonces);
  assert.equal(result.trackingCode, v.trackingCode);
  assert.equal(result.trackingCodeShort, v.trackingCodeShort);
});

test('a ballot encrypted with secure nonces verifies and opens to what was chosen', () => {
  const v = vector('ballot-encryption.json');
  const context = contextOf(v);
  const plaintext = { contests: [{ contestId: 'chair', selected: ['ben'] }, { contestId: 'committee', selected: ['eve', 'fay'] }] };

  const result = encryptBallot(context, plaintext);

  assert.deepEqual(verifyBallot(context, result.ballot), []);
  assert.deepEqual(openBallot(context, result.ballot, result.nonces), plaintext);
  assert.notDeepEqual(encryptBallot(context, plaintext).ballot, result.ballot, 'fresh nonces every time');
});

test('tampering is caught: a swapped ciphertext, another election, a wrong nonce', () => {
  const v = vector('ballot.json');
  const context = contextOf(v);
  const swapped = structuredClone(v.ballot);
  const [a, b] = swapped.contests[0].selections;
  [a.ciphertext, b.ciphertext] = [b.ciphertext, a.ciphertext];
  assert.ok(verifyBallot(context, swapped).some((f) => f.check === 'selection.challenge'));

  const elsewhere = electionContext({ publicKey: v.publicKey, extendedHash: '00'.repeat(32), contests: v.manifest.contests });
  assert.ok(verifyBallot(elsewhere, v.ballot).some((f) => f.check === 'context'));

  const nonces = structuredClone(v.nonces);
  [nonces[0][0], nonces[0][1]] = [nonces[0][1], nonces[0][0]];
  assert.throws(() => openBallot(context, v.ballot, nonces), /does not open its ciphertext/);
});

test('an over-vote, an unknown candidate and an unknown contest are refused before anything is encrypted', () => {
  const context = contextOf(vector('ballot.json'));
  assert.throws(() => encryptBallot(context, { contests: [{ contestId: 'chair', selected: ['ann', 'ben'] }, { contestId: 'committee', selected: ['dan', 'eve'] }] }), /exactly 1/);
  assert.throws(() => encryptBallot(context, { contests: [{ contestId: 'chair', selected: ['zed'] }] }), /no candidate 'zed'/);
  assert.throws(() => encryptBallot(context, { contests: [{ contestId: 'mayor', selected: [] }] }), /not in this election/);
});
