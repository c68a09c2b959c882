// The results page's "Check this election yourself": this Web Worker downloads the election record, runs every
// check of the verifier (src/verifier.js, the same code as cli.mjs) off the page's thread, reads the chain
// through the RPC URL it is given, and posts progress and each check back to the page.
import artifact from '../../../contracts/build/BallotLedger.json';
import { parseAnnouncement, verdict, verifyRecord } from './verifier.js';
import { readZip } from './zip.js';
import { hexToBytes } from './hex.js';

// Unpacks at most `size` bytes (the entry's recorded size): a zip that would unpack to more is refused as it goes.
async function inflateRaw(raw, size) {
  const reader = new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const out = new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > size) {
      await reader.cancel();
      throw new Error('it unpacks to more');
    }
    out.set(value, at);
    at += value.length;
  }
  return out.subarray(0, at);
}

async function download(url, what) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${what} could not be downloaded (${url}: HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

self.onmessage = async ({ data }) => {
  const post = (message) => self.postMessage(message);
  try {
    const started = performance.now();
    post({ type: 'stage', text: 'Downloading the election record…' });
    const zip = await download(data.recordUrl, 'The election record');
    let announcement = null;
    if (data.announcement) {
      post({ type: 'stage', text: 'Reading the announcement…' });
      announcement = parseAnnouncement(data.announcement);
    }
    post({ type: 'stage', text: 'Unpacking the record…' });
    const entries = await readZip(zip, inflateRaw);
    post({ type: 'stage', text: 'Checking every ballot, the count and the ballot log…' });
    let last = 0;
    const checks = await verifyRecord(entries, {
      announcement,
      rpcUrl: data.rpcUrl || undefined,
      ledgerCode: hexToBytes(artifact.deployedBytecode.slice(2)),
      onProgress: (text, done, total) => {
        const now = performance.now();
        if (now - last > 100 || done === total) {
          last = now;
          post({ type: 'progress', text, done, total });
        }
      },
    });
    post({ type: 'result', checks, ...verdict(checks), seconds: (performance.now() - started) / 1000 });
  } catch (e) {
    post({ type: 'error', message: e.message });
  }
};
