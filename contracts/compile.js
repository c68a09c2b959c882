// Compiles BallotLedger.sol with the pinned solc-js (no compiler download) into build/BallotLedger.json.
// `node compile.js --check` recompiles and fails if the committed build differs from the source.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const source = fs.readFileSync(path.join(__dirname, 'BallotLedger.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'BallotLedger.sol': { content: source } },
  settings: {
    // Paris: no PUSH0/MCOPY, so the same bytecode runs on the embedded EVM, Anvil, Hardhat and Polygon.
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 10000 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
const contract = output.contracts['BallotLedger.sol'].BallotLedger;
const build = {
  contractName: 'BallotLedger',
  compiler: `solc-js ${solc.version()}`,
  evmVersion: input.settings.evmVersion,
  optimizerRuns: input.settings.optimizer.runs,
  abi: contract.abi,
  bytecode: '0x' + contract.evm.bytecode.object,
  deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
};
const text = JSON.stringify(build, null, 2) + '\n';
const target = path.join(__dirname, 'build', 'BallotLedger.json');
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (committed !== text) {
    console.error('contracts/build/BallotLedger.json does not match BallotLedger.sol: run `npm run compile` in contracts/.');
    process.exit(1);
  }
  console.log('BallotLedger build matches its source.');
} else {
  fs.writeFileSync(target, text);
  console.log(`Wrote ${path.relative(process.cwd(), target)} (${build.compiler}).`);
}
