// The length-prefixed encoding every Ballotline hash is computed over (src/Ballotline.Crypto/Group/Transcript.cs).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBigInt, mod, scalarToBytes } from './group.js';

const encoder = new TextEncoder();

export class Transcript {
  #parts = [];

  constructor(domain) {
    this.#append(0x01, encoder.encode(domain));
  }

  bytes(value) { return this.#append(0x02, value); }

  text(value) { return this.#append(0x06, encoder.encode(value)); }

  number(value) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, BigInt(value));
    return this.#append(0x05, out);
  }

  scalar(value) { return this.#append(0x03, scalarToBytes(value)); }

  point(value) { return this.#append(0x04, value.toBytes(true)); }

  digest() {
    const length = this.#parts.reduce((n, p) => n + p.length, 0);
    const all = new Uint8Array(length);
    let offset = 0;
    for (const part of this.#parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return sha256(all);
  }

  /** The digest as an integer mod n, as a Fiat–Shamir challenge. */
  challenge() { return mod(bytesToBigInt(this.digest())); }

  #append(tag, value) {
    const header = new Uint8Array(5);
    header[0] = tag;
    new DataView(header.buffer).setUint32(1, value.length);
    this.#parts.push(header, value);
    return this;
  }
}
