// Compiles every *.sol file of a folder with solcjs (the npm `solc` package pinned in package.json)
// and writes, per contract, <out>/abi/<Name>.json and <out>/bin/<Name>.bin.
// Usage: node compile.js SOURCE_DIR OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

// The EVM version ganache 7.9.2 runs (its newest hardfork); newer opcodes would not deploy there.
const EVM_VERSION = 'shanghai';

function main([sourceDir, outDir]) {
  if (!sourceDir || !outDir) {
    throw new Error('usage: node compile.js SOURCE_DIR OUT_DIR');
  }
  const files = fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort();
  if (files.length === 0) {
    throw new Error(`no .sol files in ${sourceDir}`);
  }
  const sources = {};
  for (const f of files) {
    sources[f] = { content: fs.readFileSync(path.join(sourceDir, f), 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = output.errors || [];
  for (const p of problems) {
    console.error(p.formattedMessage || p.message);
  }
  if (problems.some((p) => p.severity === 'error')) {
    throw new Error('Solidity compilation failed');
  }
  fs.mkdirSync(path.join(outDir, 'abi'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'bin'), { recursive: true });
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, compiled] of Object.entries(contracts)) {
      fs.writeFileSync(path.join(outDir, 'abi', `${name}.json`), JSON.stringify(compiled.abi, null, 2) + '\n');
      fs.writeFileSync(path.join(outDir, 'bin', `${name}.bin`), compiled.evm.bytecode.object + '\n');
      if (process.env.SOLC_VERBOSE) {
        console.log(`solc ${solc.version()}: ${file} -> ${name}`);
      }
    }
  }
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error(`compile.js: ${e.message}`);
  process.exit(1);
}
