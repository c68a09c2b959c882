// The election context is rebuilt by the voter's device as well as by this verifier: its code lives with the ballot
// encryption (web/ballot-crypto/src/context.js), the one both bundles take it from.
export * from '../../ballot-crypto/src/context.js';
