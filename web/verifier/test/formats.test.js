// The verifier's own readers, attacked directly: zip entries that repeat, JSON with a property twice or a field
// the format does not have, and the context hashes of the worked example in docs/cryptography.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { crc32, MAX_FILE_BYTES, readZip, ZipFormatError } from '../src/zip.js';
import { parseStrict, ShapeError } from '../src/strict-json.js';
import * as shapes from '../src/documents.js';
import { baseHash, buildContext, manifestHash } from '../src/context.js';
import { bytesToHex } from '../src/hex.js';
import { leaf } from '../src/merkle.js';
import { hexToBytes } from '../src/hex.js';
import { verifyBallot } from '../../ballot-crypto/src/ballot.js';

/** A minimal zip writer for the tests: each entry deflated or stored, in the order given, names may repeat. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, text, store } of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const raw = new TextEncoder().encode(text);
    const data = store ? raw : deflateRawSync(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(zlibCrc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt32LE(zlibCrc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** As cli.mjs unpacks: never past the entry's recorded size. */
const inflate = (raw, size) => inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });

/** The zip with its first entry's recorded size (central directory and local header) replaced by `size`. */
function recordedSize(bytes, size) {
  const copy = Buffer.from(bytes);
  const central = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  copy.writeUInt32LE(size, central + 24);
  copy.writeUInt32LE(size, copy.readUInt32LE(central + 42) + 22);
  return new Uint8Array(copy);
}

test('a zip that would unpack beyond what a record file may hold is refused before anything is unpacked', async () => {
  let unpacked = 0;
  const bomb = recordedSize(zip([{ name: 'ballots.jsonl', text: '{}' }]), MAX_FILE_BYTES + 1);
  await assert.rejects(readZip(bomb, (raw, size) => { unpacked++; return inflate(raw, size); }), /ballots\.jsonl would unpack to 1073741825 bytes/);
  assert.equal(unpacked, 0);
});

test('an entry that unpacks to more than its recorded size is refused, never unpacked past it', async () => {
  const lying = recordedSize(zip([{ name: 'ballots.jsonl', text: '0'.repeat(1_000_000) }]), 100);
  await assert.rejects(readZip(lying, inflate), ZipFormatError);
});

test('an entry whose bytes are not those its recorded CRC-32 describes is refused as unreadable', async () => {
  const genuine = zip([{ name: 'result.json', text: '{"winner": "aurora"}', store: true }]);
  const bytes = Buffer.from(genuine);
  const at = bytes.indexOf(Buffer.from('aurora'));
  bytes.write('beacon', at); // same size, other bytes: only the checksum tells
  await assert.rejects(readZip(new Uint8Array(bytes), inflate), /result\.json does not have its recorded CRC-32/);
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926); // the standard check value
});

test('a zip with two entries of one name yields both, so the verifier can refuse it', async () => {
  const entries = await readZip(zip([{ name: 'result.json', text: 'genuine' }, { name: 'result.json', text: 'forged', store: true }]), inflate);
  assert.deepEqual(entries.map((e) => [e.name, new TextDecoder().decode(e.data)]), [['result.json', 'genuine'], ['result.json', 'forged']]);
});

test('a file that is not a zip, or a truncated one, is refused with a reason', async () => {
  await assert.rejects(readZip(new TextEncoder().encode('not a zip at all, just text'), inflate), ZipFormatError);
  const whole = zip([{ name: 'a.json', text: 'x'.repeat(500) }]);
  const torn = new Uint8Array([...whole.subarray(0, 40), ...whole.subarray(whole.length - 22)]);
  await assert.rejects(readZip(torn, inflate), ZipFormatError);
});

test('JSON with a property twice is refused even though JSON.parse would keep the last one', () => {
  assert.throws(() => parseStrict('{"ballots": 4, "ballots": 40, "contests": []}', shapes.result, 'result.json'), /'ballots' twice/);
  assert.throws(() => parseStrict('{"a": {"x": 1, "y": {"x": 2}, "x": 3}}', { kind: 'any' }, 'f'), ShapeError);
  assert.doesNotThrow(() => parseStrict('{"a": {"x": 1}, "b": {"x": 2}, "s": "\\"x\\": 1, \\"x\\""}', { kind: 'any' }, 'f'));
});

test('a field the format does not have, a missing one, or a number written as text is refused with its path', () => {
  assert.throws(() => parseStrict('{"ballots": 4, "contests": [], "note": "trust me"}', shapes.result, 'result.json'), /undocumented field 'note'/);
  assert.throws(() => parseStrict('{"contests": []}', shapes.result, 'result.json'), /lacks the field 'ballots'/);
  assert.throws(() => parseStrict('{"ballots": "4", "contests": []}', shapes.result, 'result.json'), /\$\.ballots must be an integer/);
});

test('the worked example of docs/cryptography.md gives the same manifest, base and context hashes and ballot-log leaf', () => {
  const example = JSON.parse(readFileSync(fileURLToPath(new URL('../../../tests/vectors/worked-example.json', import.meta.url)), 'utf8'));
  assert.equal(bytesToHex(manifestHash(example.manifest)), example.manifestHash);
  assert.equal(bytesToHex(baseHash(example.manifest, example.trustees, example.quorum)), example.baseHash);
  const context = buildContext(example.manifest, example.trustees, example.quorum, example.commitments);
  assert.equal(context.extendedHash, example.extendedHash);
  assert.equal(context.key.toHex(true), example.publicKey);
  assert.equal(bytesToHex(leaf(hexToBytes(example.trackingCode))), example.ballotLogLeaf);
});

test("the worked example's proof commitments, as a v4 record publishes them, are the ones this verifier recomputes", () => {
  const example = JSON.parse(readFileSync(fileURLToPath(new URL('../../../tests/vectors/worked-example.json', import.meta.url)), 'utf8'));
  const context = buildContext(example.manifest, example.trustees, example.quorum, example.commitments);
  assert.equal(example.proofCommitments.length, 4); // three selections and the contest's sum proof
  assert.deepEqual(verifyBallot(context, example.ballot, example.proofCommitments), []);

  // Another point for one commitment, a set missing, a set added: each refused, the proofs themselves still valid.
  const other = [...example.proofCommitments];
  other[2] = example.proofCommitments[1];
  assert.deepEqual(verifyBallot(context, example.ballot, other).map((f) => f.check), ['selection.commitments']);
  assert.deepEqual(verifyBallot(context, example.ballot, example.proofCommitments.slice(0, 3)).map((f) => f.check), ['contest.commitments']);
  assert.deepEqual(verifyBallot(context, example.ballot, [...example.proofCommitments, example.proofCommitments[0]]).map((f) => f.check), ['commitments']);
  assert.deepEqual(verifyBallot(context, example.ballot), []);
});
