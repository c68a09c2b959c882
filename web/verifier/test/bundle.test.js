// The committed Web Worker bundle is exactly what the pinned toolchain builds from these sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundle, bundlePath } from '../build.js';

test('the committed worker bundle matches a fresh build (run npm run build in web/verifier after changing src/)', async () => {
  assert.equal(readFileSync(bundlePath, 'utf8'), await bundle());
});
