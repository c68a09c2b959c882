// The JavaScript verifier over the committed tamper corpus (tests/vectors/records): every genuine record passes
// with only the chain unread, every forgery fails the check its expected.json names. The C# verifier runs over
// the same files (TamperCorpusTests), and JavaScriptVerifierTests compares the two verifiers check by check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseAnnouncement, verdict, verifyRecord } from '../src/verifier.js';
import { readZip } from '../src/zip.js';

const corpus = fileURLToPath(new URL('../../../tests/vectors/records/', import.meta.url));
const directories = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const genuineOf = (name) => (existsSync(join(corpus, name, 'expected.json')) ? JSON.parse(readFileSync(join(corpus, name, 'expected.json'), 'utf8')).genuine ?? 'genuine' : name);

async function verify(name) {
  const own = join(corpus, name, 'announcement.json');
  const announcementFile = existsSync(own) ? own : join(corpus, genuineOf(name), 'announcement.json');
  const entries = await readZip(new Uint8Array(readFileSync(join(corpus, name, 'record.zip'))), (raw) => inflateRawSync(raw));
  return verifyRecord(entries, { announcement: parseAnnouncement(readFileSync(announcementFile, 'utf8')) });
}

for (const name of directories.filter((d) => d.startsWith('genuine'))) {
  test(`the genuine record ${name} passes every check but the chain, which is not read offline`, async () => {
    const checks = await verify(name);
    assert.deepEqual(checks.filter((c) => !c.passed), []);
    assert.deepEqual(checks.filter((c) => c.skipped).map((c) => c.name), ['chain.anchors']);
    assert.match(verdict(checks).verdict, /^VERIFIED WITHOUT THE CHAIN/);
    assert.equal(verdict(checks).exitCode, 3);
  });
}

const forgeries = directories.filter((d) => !d.startsWith('genuine'));

test('the corpus holds at least 30 forgeries', () => assert.ok(forgeries.length >= 30, `${forgeries.length} forgeries`));

for (const name of forgeries) {
  const expected = JSON.parse(readFileSync(join(corpus, name, 'expected.json'), 'utf8'));
  test(`${name} (${expected.description}) fails ${expected.check}`, async () => {
    const checks = await verify(name);
    const failed = checks.filter((c) => !c.passed).map((c) => c.name);
    assert.ok(failed.includes(expected.check), `expected ${expected.check} to fail; failed: ${failed.join(', ') || 'nothing'}`);
    assert.equal(verdict(checks).verdict, 'NOT VERIFIED');
  });
}
