// The browser's prover multiplies secrets only through noble's constant-time `multiply`, and encrypting one choice
// performs the same sequence of multiplications as encrypting any other (src/Ballotline.Crypto's ConstantTimeTests).
// Before the prover computed fake branches from g and K, they went through the variable-time `mulAddUnsafe`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electionContext, encryptBallot, traceMultiplications, verifyBallot } from '../src/index.js';

const vector = JSON.parse(readFileSync(fileURLToPath(new URL('../../../tests/vectors/ballot.json', import.meta.url)), 'utf8'));
const context = electionContext({ publicKey: vector.publicKey, extendedHash: vector.extendedHash, contests: vector.manifest.contests });

test('encrypting any choice performs the same constant-time multiplications as any other, and none in variable time', () => {
  const [single, multiple] = vector.manifest.contests; // exactly 1 of 3, then 2 to 3 of 4
  const plaintexts = single.candidates.flatMap((one) => [
    [multiple.candidates[0], multiple.candidates[1]],
    [multiple.candidates[2], multiple.candidates[3]],
    multiple.candidates.slice(1),
  ].map((several) => ({ contests: [{ contestId: single.id, selected: [one] }, { contestId: multiple.id, selected: several }] })));
  const traces = plaintexts.map((plaintext) => {
    let ballot;
    const trace = traceMultiplications(() => ({ ballot } = encryptBallot(context, plaintext)));
    assert.deepEqual(verifyBallot(context, ballot), []);
    return trace;
  });
  for (const trace of traces) assert.deepEqual(trace, traces[0]);
  assert.ok(traces[0].length > 0);
  assert.ok(traces[0].every((kind) => kind === 'secret'), `variable-time multiplications: ${traces[0].filter((k) => k === 'public').length}`);
});

test("only group.js calls noble's multipliers, so the trace above sees every multiplication", () => {
  const sources = new URL('../src/', import.meta.url);
  for (const file of readdirSync(sources).filter((f) => f.endsWith('.js') && f !== 'group.js')) {
    const text = readFileSync(new URL(file, sources), 'utf8');
    assert.doesNotMatch(text, /\.(multiply|multiplyUnsafe|mulAddUnsafe)\(/, `${file} multiplies points without going through group.js`);
  }
});
