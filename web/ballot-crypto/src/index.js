export { electionContext, encryptBallot, openBallot, trackingCode, verifyBallot, BALLOT_VERSION } from './ballot.js';
export { deterministicNonces, secureNonces } from './nonces.js';
export { proveRange, verifyRange } from './range-proof.js';
export { Transcript } from './transcript.js';
export { CryptoFormatError, G, N, generatorPower, pointFromHex, pointToHex, scalarFromHex, scalarToHex } from './group.js';
export { sha256, keccak256 } from './hashes.js';
export { Point, mod, power, bytesToBigInt, traceMultiplications } from './group.js';
