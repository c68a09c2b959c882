// RFC 9162 Merkle tree hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right); a tree of n
// leaves splits at the largest power of two below n; the empty tree's root is SHA-256 of nothing.
import { sha256 } from '../../ballot-crypto/src/hashes.js';

export function leaf(data) {
  const buffer = new Uint8Array(data.length + 1);
  buffer.set(data, 1);
  return sha256(buffer);
}

/** The root of the first `size` leaves. */
export function root(leaves, size) {
  if (size < 0 || size > leaves.length) throw new RangeError(`no tree of ${size} leaves among ${leaves.length}`);
  return size === 0 ? sha256(new Uint8Array(0)) : subtree(leaves, 0, size);
}

function subtree(leaves, start, count) {
  if (count === 1) return leaves[start];
  let split = 1;
  while (split * 2 < count) split *= 2;
  const node = new Uint8Array(65);
  node[0] = 1;
  node.set(subtree(leaves, start, split), 1);
  node.set(subtree(leaves, start + split, count - split), 33);
  return sha256(node);
}
