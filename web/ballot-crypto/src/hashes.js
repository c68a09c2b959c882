// The hash functions of @noble/hashes that Ballotline's record verifier needs besides the transcript's SHA-256:
// file hashes and Merkle nodes (SHA-256) and the contract's event topics (Keccak-256). Exported from here so that
// every consumer uses the one copy of @noble installed for web/ballot-crypto.
export { sha256 } from '@noble/hashes/sha2.js';
export { keccak_256 as keccak256 } from '@noble/hashes/sha3.js';
