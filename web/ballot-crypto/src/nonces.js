// Where nonces come from: the browser's CSPRNG for real ballots; a seeded source only for the shared vectors.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBigInt, mod, N } from './group.js';

/** Uniform in [1, n) from 64 random bytes (the bias of the reduction is below 2^-256). */
export function secureNonces() {
  return () => {
    for (;;) {
      const wide = new Uint8Array(64);
      globalThis.crypto.getRandomValues(wide);
      const value = mod(bytesToBigInt(wide));
      if (value !== 0n && value < N) return value;
    }
  };
}

/** NonceSource.Deterministic: HMAC-SHA-256(seed, 00‖counter) ‖ HMAC-SHA-256(seed, 01‖counter) mod n. Never for real ballots. */
export function deterministicNonces(seed) {
  let counter = 0n;
  return () => {
    counter += 1n;
    const input = new Uint8Array(9);
    new DataView(input.buffer).setBigInt64(1, counter);
    input[0] = 0;
    const low = hmac(sha256, seed, input);
    input[0] = 1;
    const high = hmac(sha256, seed, input);
    const wide = new Uint8Array(64);
    wide.set(low, 0);
    wide.set(high, 32);
    return mod(bytesToBigInt(wide));
  };
}
