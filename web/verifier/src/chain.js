// Reads an election's anchors from the BallotLedger contract through any Ethereum JSON-RPC endpoint, by its
// events alone (Anchored, ElectionClosed), and compares the contract's runtime code with the compiled contract.
import { keccak256 } from '../../ballot-crypto/src/hashes.js';
import { bytesToHex, hexToBytes } from './hex.js';

const topic = (signature) => '0x' + bytesToHex(keccak256(new TextEncoder().encode(signature)));
const ANCHORED = topic('Anchored(bytes32,uint64,bytes32)');
const CLOSED = topic('ElectionClosed(bytes32,uint64,bytes32,bytes32)');

export class ChainError extends Error {
  name = 'ChainError';
}

export class ChainReader {
  #url;
  #id = 0;

  #fetch;

  constructor(url, fetchImpl) {
    this.#url = url;
    // A browser's fetch must be called on its global (a worker's or a window's), never as a method of this object.
    this.#fetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  async #call(method, params) {
    let response;
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++this.#id, method, params }),
      });
    } catch (e) {
      throw new ChainError(`${method}: ${e.message}`);
    }
    if (!response.ok) throw new ChainError(`${method}: HTTP ${response.status}`);
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new ChainError(`${method}: the answer is not JSON (${e.message})`);
    }
    if (body.error) throw new ChainError(`${method}: ${body.error.message ?? JSON.stringify(body.error)}`);
    return body.result;
  }

  async chainId() {
    return Number(BigInt(await this.#call('eth_chainId', [])));
  }

  /** The runtime code at `contract` at the latest block; empty when there is none. */
  async code(contract) {
    const hex = await this.#call('eth_getCode', [contract, 'latest']);
    return !hex || hex === '0x' ? new Uint8Array(0) : hexToBytes(hex.slice(2));
  }

  /** Every Anchored and ElectionClosed event of the contract for this election, by block then size. */
  async anchors(contract, electionId) {
    const logs = async (event) => this.#call('eth_getLogs', [{ address: contract, fromBlock: 'earliest', toBlock: 'latest', topics: [event, '0x' + electionId] }]);
    const word = (data, i) => data.slice(2 + 64 * i, 2 + 64 * (i + 1));
    const anchors = [];
    for (const log of await logs(ANCHORED)) {
      anchors.push({ kind: 'Anchor', treeSize: Number(BigInt('0x' + word(log.data, 0))), root: word(log.data, 1), transactionHash: log.transactionHash, blockNumber: Number(BigInt(log.blockNumber)) });
    }
    for (const log of await logs(CLOSED)) {
      anchors.push({ kind: 'Close', treeSize: Number(BigInt('0x' + word(log.data, 0))), root: word(log.data, 1), resultHash: word(log.data, 2), transactionHash: log.transactionHash, blockNumber: Number(BigInt(log.blockNumber)) });
    }
    return anchors.sort((a, b) => a.blockNumber - b.blockNumber || a.treeSize - b.treeSize);
  }
}

/**
 * Null when `code` is BallotLedger's compiled runtime code (`template`) with `authority` in its immutable slots
 * (the 32-byte words the compiler left zero after a PUSH32, 0x7f); otherwise what differs.
 */
export function ledgerCodeMismatch(code, template, authority) {
  if (code.length === 0) return 'there is no contract at that address';
  if (code.length !== template.length) return `its code is ${code.length} bytes, BallotLedger's is ${template.length}: it is another contract`;
  const expected = new Uint8Array(32);
  expected.set(hexToBytes(authority.slice(2).toLowerCase()), 12);
  for (let i = 0; i < template.length; i++) {
    if (code[i] === template[i]) continue;
    const slot = immutableSlotContaining(template, i);
    if (slot < 0) return `its code differs from BallotLedger's at byte ${i}: it is another contract`;
    const word = code.subarray(slot, slot + 32);
    if (!word.every((b, k) => b === expected[k])) return `it is BallotLedger, but its authority is 0x${bytesToHex(word.subarray(12))}, not the announced ${authority}`;
    i = slot + 31;
  }
  return null;
}

function immutableSlotContaining(template, index) {
  for (let start = Math.max(1, index - 31); start <= index; start++) {
    if (template[start - 1] === 0x7f && start + 32 <= template.length && template.subarray(start, start + 32).every((b) => b === 0)) return start;
  }
  return -1;
}
