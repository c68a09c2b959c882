// A zip reader that lists every entry, repeats included. Two entries of one name are how a forger makes tools
// disagree (one extracts the first, another the last), so the verifier must see both: it reads the central
// directory itself instead of a library that keys entries by name. Stored and deflated entries only (what
// Ballotline and common tools write); ZIP64 is refused, which no record needs.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipFormatError extends Error {}

// CRC-32 (IEEE 802.3, reflected, as zip records it): an entry's bytes must be the ones its directory describes.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The largest file of a record a verifier reads, as `ballotline-verify` (1 GiB): an entry is checked against the
 * size it records before it is unpacked, and never unpacked past it, so that a few megabytes of zip that would
 * unpack to gigabytes are refused as unreadable instead of exhausting the memory.
 */
export const MAX_FILE_BYTES = 1 << 30;

/**
 * The entries of a zip archive as [{ name, data }] in central-directory order. `inflateRaw(bytes, size)` decompresses
 * raw DEFLATE data (node's zlib in the CLI, DecompressionStream in the browser), producing no more than `size` bytes
 * (it fails past them), and may return a promise.
 */
export async function readZip(bytes, inflateRaw) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('not a zip archive (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ZipFormatError(`central directory entry ${n} is damaged`);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a directory entry holds nothing
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new ZipFormatError(`the local header of ${name} is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) throw new ZipFormatError(`${name} is truncated`);
    if (size > MAX_FILE_BYTES) throw new ZipFormatError(`${name} would unpack to ${size} bytes; a record file may hold at most ${MAX_FILE_BYTES}`);
    const raw = bytes.subarray(start, start + compressed);
    let data;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = await inflateRaw(raw, size);
      } catch (e) {
        throw new ZipFormatError(`${name} does not unpack to its recorded ${size} bytes (${e.message})`);
      }
    } else throw new ZipFormatError(`${name} uses compression method ${method}, which is not supported`);
    if (data.length !== size) throw new ZipFormatError(`${name} does not have its recorded size`);
    if (crc32(data) !== crc) throw new ZipFormatError(`${name} does not have its recorded CRC-32`);
    entries.push({ name, data: new Uint8Array(data) });
  }
  return entries;
}
