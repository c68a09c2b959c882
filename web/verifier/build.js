// Bundles src/worker.js (the verifier, web/ballot-crypto's group arithmetic and the BallotLedger artifact) into
// the server's wwwroot, where the results page starts it as a Web Worker: no CDN, no network at run time but
// the record, the announcement and the chain. The output is committed; test/bundle.test.js rebuilds it and fails
// if the committed file differs.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundlePath = fileURLToPath(new URL('../../src/Ballotline.Server/wwwroot/js/record-verifier-worker.js', import.meta.url));

export async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./src/worker.js', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'inline',
    write: false,
    banner: { js: '/* Ballotline record verifier (Web Worker), built from web/verifier by `npm run build` (@noble/curves, @noble/hashes: MIT). Do not edit. */' },
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(bundlePath, await bundle());
  console.log(`Wrote ${bundlePath}`);
}
