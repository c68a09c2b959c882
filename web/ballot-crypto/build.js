// Bundles src/browser.js into the server's wwwroot, where the voting page loads it: no CDN, no network at run
// time. The output is committed; test/bundle.test.js rebuilds it and fails if the committed file differs.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundlePath = fileURLToPath(new URL('../../src/Ballotline.Server/wwwroot/js/ballot-crypto.js', import.meta.url));

export async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./src/browser.js', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'BallotlineCrypto',
    target: 'es2020',
    legalComments: 'inline',
    write: false,
    banner: { js: '/* Ballotline ballot encryption, built from web/ballot-crypto by `npm run build` (@noble/curves, @noble/hashes: MIT). Do not edit. */' },
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(bundlePath, await bundle());
  console.log(`Wrote ${bundlePath}`);
}
