// The committed browser bundle is exactly what the pinned toolchain builds from these sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundle, bundlePath } from '../build.js';

test('the committed bundle matches a fresh build (run npm run build after changing src/)', async () => {
  assert.equal(readFileSync(bundlePath, 'utf8'), await bundle());
});

test('the bundle runs without a module system and exposes the voting page API', async () => {
  const sandbox = { crypto: globalThis.crypto, TextEncoder, self: {} };
  sandbox.globalThis = sandbox;
  const { runInNewContext } = await import('node:vm');
  runInNewContext(readFileSync(bundlePath, 'utf8'), sandbox);
  for (const name of ['electionContext', 'encryptBallot', 'openBallot', 'trackingCode', 'verifyBallot']) {
    assert.equal(typeof sandbox.BallotlineCrypto[name], 'function', name);
  }
});
