// The shapes of the record's files (docs/election-record.md, docs/schemas/*.schema.json), for parseStrict.
import { T } from './strict-json.js';

const hex = (digits) => T.pattern(new RegExp(`^[0-9a-f]{${digits}}$`), `${digits} lower-case hex digits`);
const identifier = T.pattern(/^[A-Za-z0-9_.-]{1,64}$/, 'an identifier ([A-Za-z0-9_.-], 1 to 64 characters)');
const label = T.pattern(/^[\s\S]{1,200}$/u, 'a title or name of 1 to 200 characters');
const hash = hex(64);
const point = hex(66);
const sigma = T.object({ challenge: hash, response: hash });
const ciphertext = T.object({ pad: point, data: point });
const rangeProof = T.object({ challenges: T.array(hash), responses: T.array(hash) });

export const ballot = T.object({
  version: T.string,
  contextHash: hash,
  contests: T.array(T.object({
    contestId: identifier,
    selections: T.array(T.object({ candidateId: identifier, ciphertext, proof: rangeProof })),
    sumProof: rangeProof,
  })),
});

export const recordIndex = T.object({
  version: T.string,
  election: T.object({ slug: T.string, title: T.string, isTest: T.bool }),
  files: T.map(T.string),
});

export const manifest = T.object(
  {
    electionId: identifier,
    contests: T.array(T.object({ id: identifier, candidates: T.array(identifier), minSelections: T.int, maxSelections: T.int })),
  },
  { labels: T.object({ title: label, contests: T.array(T.object({ title: label, candidates: T.array(label) })) }) },
);

export const contests = T.array(T.object({
  id: identifier,
  title: T.string,
  candidates: T.array(T.object({ id: identifier, name: T.string })),
  minSelections: T.int,
  maxSelections: T.int,
}));

export const context = T.object({
  trustees: T.int,
  quorum: T.int,
  contextHash: hash,
  commitments: T.array(T.object({ trusteeIndex: T.int, coefficients: T.array(point), proofs: T.array(sigma) })),
});

// From v4 each line also carries its proofs' commitments (docs/election-record.md).
export const ballotLine = T.object({ logIndex: T.int, trackingCode: T.string, ballot }, { commitments: T.array(T.pattern(/^(?:[0-9a-f]{2})*$/, 'lower-case hexadecimal')) });

export const spoiledLine = T.object({
  trackingCode: T.string,
  ballot,
  nonces: T.array(T.array(hash)),
  selections: T.map(T.array(T.string)),
});

export const tally = T.object({
  ballotCount: T.int,
  positions: T.array(T.object({ contestId: identifier, candidateId: identifier })),
  encryptedTotals: T.array(ciphertext),
  decryptions: T.array(T.object({ trusteeIndex: T.int, shares: T.array(point), proofs: T.array(sigma) })),
  counts: T.array(T.int),
});

export const result = T.object({
  ballots: T.int,
  contests: T.array(T.object({ id: T.string, title: T.string, candidates: T.array(T.object({ id: T.string, name: T.string, votes: T.int })) })),
});

const anchor = T.object({ kind: T.string, status: T.string, treeSize: T.int, root: T.string, transactionHash: T.string, blockNumber: T.nullable(T.int) });
const lost = T.object({ kind: T.string, treeSize: T.int, root: T.string, contract: T.nullable(T.string), transactionHash: T.string, reason: T.nullable(T.string) });

export const ledger = T.object({
  chainId: T.int,
  chainName: T.string,
  contract: T.nullable(T.string),
  electionId: T.nullable(T.string),
  anchors: T.array(anchor),
  lost: T.array(lost),
});

export const announcement = T.object(
  {
    chainId: T.int,
    contract: T.pattern(/^0x[0-9a-fA-F]{40}$/, 'an address (0x and 40 hex digits)'),
    authority: T.pattern(/^0x[0-9a-fA-F]{40}$/, 'an address (0x and 40 hex digits)'),
    contextHash: hash,
  },
  { version: T.string, election: T.string, title: T.string, chainName: T.string, openTransaction: T.nullable(T.string) },
);
