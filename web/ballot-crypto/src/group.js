// secp256k1 scalars and points with Ballotline's strict encodings (docs/cryptography.md, "Encodings").
import { secp256k1 } from '@noble/curves/secp256k1.js';

export const Point = secp256k1.Point;
export const N = Point.Fn.ORDER;
export const G = Point.BASE;

/** A value reduced into [0, n). */
export const mod = (a) => ((a % N) + N) % N;

export class CryptoFormatError extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
}

export function bytesToBigInt(bytes) {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

export function scalarToBytes(s) {
  const out = new Uint8Array(32);
  let v = s;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export const scalarToHex = (s) => s.toString(16).padStart(64, '0');

export function scalarFromHex(hex) {
  if (typeof hex !== 'string' || hex.length !== 64) throw new CryptoFormatError('scalar.length', 'A scalar must be 32 bytes.');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new CryptoFormatError('scalar.hex', 'A scalar must be lower-case hex.');
  const value = BigInt('0x' + hex);
  if (value >= N) throw new CryptoFormatError('scalar.range', 'A scalar must be below the group order.');
  return value;
}

export function pointFromHex(hex) {
  if (typeof hex !== 'string' || hex.length !== 66) throw new CryptoFormatError('point.length', 'A point must be 33 bytes.');
  if (!/^[0-9a-f]{66}$/.test(hex)) throw new CryptoFormatError('point.hex', 'A point must be lower-case hex.');
  if (/^0+$/.test(hex)) throw new CryptoFormatError('point.identity', 'The identity is not a valid point here.');
  if (!hex.startsWith('02') && !hex.startsWith('03')) throw new CryptoFormatError('point.prefix', 'A point must be SEC1 compressed (02 or 03).');
  if (BigInt('0x' + hex.slice(2)) >= Point.Fp.ORDER) throw new CryptoFormatError('point.range', 'x must be below the field prime.');
  try {
    return Point.fromHex(hex);
  } catch {
    throw new CryptoFormatError('point.on-curve', 'The point is not on the curve.');
  }
}

export const pointToHex = (p) => p.toHex(true);

/** g^k for any k, including 0 (the identity), through the constant-time path (and so in the trace below). */
export const generatorPower = (k) => secretPower(G, mod(k));

/** p^k for public values (variable time is fine: nothing secret). */
export const power = (p, k) => {
  trace?.push('public');
  return p.multiplyUnsafe(mod(k));
};

let trace = null;

/**
 * The multiplications `work` performs, in order — 'secret' through noble's constant-time `multiply`, 'public' through
 * its variable-time ones — so that tests can show every secret takes the constant-time path and every choice the
 * same sequence (src/Ballotline.Crypto's OperationTrace). Off unless a test asks.
 */
export function traceMultiplications(work) {
  const operations = (trace = []);
  try {
    work();
    return operations;
  } finally {
    trace = null;
  }
}

/** P^k for a secret k, in constant time; 0 (probability 2^-256 for honest randomness, noble refuses it) gives the identity. */
export const secretPower = (p, k) => {
  trace?.push('secret');
  return k === 0n ? Point.ZERO : p.multiply(k);
};

/** a·P + b·Q for public scalars, in variable time (verification). */
export const publicDoublePower = (p, a, q, b) => {
  trace?.push('public');
  return q.is0() ? p.multiplyUnsafe(mod(a)) : p.mulAddUnsafe(mod(a), q, mod(b));
};
