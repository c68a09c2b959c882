// The bundle the voting page loads (wwwroot/js/ballot-crypto.js): window.BallotlineCrypto.
export { electionContext, encryptBallot, openBallot, trackingCode, verifyBallot } from './ballot.js';
export { buildContext } from './context.js';
