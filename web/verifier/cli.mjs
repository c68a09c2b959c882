#!/usr/bin/env node
// node web/verifier/cli.mjs RECORD [--rpc URL] [--announcement FILE|URL] [--json]
// Ballotline's second record verifier (JavaScript, written from the docs): the same checks, verdicts and exit
// codes as `ballotline verify` — 0 VERIFIED, 3 VERIFIED WITHOUT …, 1 NOT VERIFIED, 2 unreadable input.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseAnnouncement, verdict, verifyRecord } from './src/verifier.js';
import { readZip } from './src/zip.js';
import { hexToBytes } from './src/hex.js';

const usage = 'usage: node web/verifier/cli.mjs RECORD(.zip, directory or URL) [--rpc URL] [--announcement FILE|URL] [--json]';

function parseArguments(argv) {
  const options = { json: false };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') options.json = true;
    else if (a === '--rpc' || a === '--announcement') {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value. ${usage}`);
      options[a.slice(2)] = argv[++i];
    } else if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`Unknown option ${a}. ${usage}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new Error(usage);
  options.record = rest[0];
  if (options.rpc !== undefined && !/^https?:\/\//.test(options.rpc)) throw new Error(`--rpc must be an http(s) URL, not '${options.rpc}'.`);
  return options;
}

const isUrl = (s) => /^https?:\/\//.test(s);

async function readBytes(location) {
  if (isUrl(location)) {
    const response = await fetch(location);
    if (!response.ok) throw new Error(`${location}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  if (!existsSync(location)) throw new Error(`No file at '${location}'.`);
  return new Uint8Array(readFileSync(location));
}

/** The record's entries: a zip (file or URL), a directory, or a URL to its unpacked files. */
async function readRecord(location) {
  if (!isUrl(location) && existsSync(location) && statSync(location).isDirectory()) {
    const entries = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else entries.push({ name: relative(location, path).split(sep).join('/'), data: new Uint8Array(readFileSync(path)) });
      }
    };
    walk(location);
    return entries;
  }
  if (isUrl(location) && !new URL(location).pathname.toLowerCase().endsWith('.zip')) {
    const base = location.replace(/\/?$/, '/');
    const entries = [];
    for (const name of ['record.json', 'manifest.json', 'contests.json', 'context.json', 'ballots.jsonl', 'spoiled.jsonl', 'ledger.json', 'tally.json', 'result.json']) {
      const response = await fetch(base + name);
      if (response.status === 404) continue;
      if (!response.ok) throw new Error(`${base + name}: HTTP ${response.status}`);
      entries.push({ name, data: new Uint8Array(await response.arrayBuffer()) });
    }
    return entries;
  }
  // Never more than the entry's recorded size (node refuses past maxOutputLength): see MAX_FILE_BYTES in src/zip.js.
  return readZip(await readBytes(location), (raw, size) => inflateRawSync(raw, { maxOutputLength: Math.max(1, size) }));
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  let announcement;
  if (options.announcement) {
    try {
      announcement = parseAnnouncement(new TextDecoder().decode(await readBytes(options.announcement)));
    } catch (e) {
      console.error(`Cannot read the announcement: ${e.message}`);
      return 2;
    }
  }
  let entries;
  try {
    entries = await readRecord(options.record);
  } catch (e) {
    console.error(`Cannot read the record: ${e.message}`);
    return 2;
  }
  const artifact = JSON.parse(readFileSync(fileURLToPath(new URL('../../contracts/build/BallotLedger.json', import.meta.url)), 'utf8'));
  const started = performance.now();
  if (!options.json) console.log(`Verifying ${options.record}`);
  const checks = await verifyRecord(entries, {
    announcement,
    rpcUrl: options.rpc,
    ledgerCode: hexToBytes(artifact.deployedBytecode.slice(2)),
    // Progress on large records only, every tenth (as `ballotline verify` prints it).
    onProgress: (text, done, total) => {
      if (!options.json && total >= 1000 && done % Math.floor(total / 10) === 0) console.log(`  … ${text}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const { verdict: said, exitCode } = verdict(checks);
  if (options.json) {
    console.log(JSON.stringify({ verdict: said, exitCode, seconds, checks }));
    return exitCode;
  }
  for (const c of checks) console.log(`${c.skipped ? 'SKIP' : c.passed ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  const passed = checks.filter((c) => c.passed && !c.skipped).length;
  const failed = checks.filter((c) => !c.passed).length;
  const skipped = checks.filter((c) => c.skipped).length;
  console.log(`${said}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${seconds.toFixed(1)} s.`);
  return exitCode;
}

process.exitCode = await main();
