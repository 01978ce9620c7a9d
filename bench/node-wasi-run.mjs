#!/usr/bin/env node
// node-wasi-run.mjs: run a WASI preview1 command module under Node (V8).
//
//   node bench/node-wasi-run.mjs [--env NAME=VALUE]... [--dir HOST[:GUEST]]... \
//        [--invoke EXPORT] [--repeat N] MODULE.wasm [ARGS...]
//
// The guest gets argv = [basename(MODULE), ...ARGS], this process's stdin,
// stdout and stderr, only the environment variables given with --env, and no
// preopened directories unless --dir is given. The process exits with the
// guest's exit code. Used as the V8 reference engine by the benchmarks and to
// check the examples. `--invoke` calls a non-WASI export with integer args
// and prints the result (for modules such as examples/wat/factorial.wat).
// `--repeat N` (a benchmark aid, bench/compute/run.sh) runs the command N times,
// each in a fresh instance of the once-compiled module: the first run's stdout
// is the process's, later runs' goes to /dev/null; it then prints
// `node-bench compile_ms=C run_ms=R1,R2,... cpu_ms=C1,C2,...` on stderr (instantiate + _start per
// run; wall-clock and process CPU time, all threads).
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import process from 'node:process';

// node:wasi prints an ExperimentalWarning on load; keep the guest's stderr clean
// by dropping that one warning and printing any other.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') process.stderr.write(`${w.name}: ${w.message}\n`);
});
const { WASI } = await import('node:wasi');

function usage(message) {
  if (message) process.stderr.write(`node-wasi-run: ${message}\n`);
  process.stderr.write(
    'usage: node bench/node-wasi-run.mjs [--env NAME=VALUE]... [--dir HOST[:GUEST]]... ' +
      '[--invoke EXPORT] MODULE.wasm [ARGS...]\n',
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
const env = {};
const preopens = {};
let invoke = null;
let repeat = 0;
while (argv.length > 0 && argv[0].startsWith('--')) {
  const flag = argv.shift();
  if (flag === '--') break;
  const value = argv.shift();
  if (value === undefined) usage(`${flag} needs a value`);
  if (flag === '--env') {
    const eq = value.indexOf('=');
    if (eq <= 0) usage(`bad --env ${value}`);
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else if (flag === '--dir') {
    const [host, guest] = value.split(':');
    preopens[guest ?? host] = host;
  } else if (flag === '--invoke') {
    invoke = value;
  } else if (flag === '--repeat') {
    repeat = Number(value);
  } else {
    usage(`unknown option ${flag}`);
  }
}
const modulePath = argv.shift();
if (!modulePath) usage('no module given');

const bytes = await readFile(modulePath);
const compileStart = performance.now();
const module = await WebAssembly.compile(bytes);
const compileMs = performance.now() - compileStart;

if (invoke !== null) {
  const instance = await WebAssembly.instantiate(module, {});
  const fn = instance.exports[invoke];
  if (typeof fn !== 'function') usage(`no exported function ${invoke}`);
  // JS cannot see parameter types: try Numbers (i32/f32/f64), and BigInts
  // when V8 rejects them (i64 parameters).
  let result;
  try {
    result = fn(...argv.map(Number));
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    result = fn(...argv.map((a) => BigInt(a)));
  }
  process.stdout.write(`${result}\n`);
  process.exit(0);
}

// runOnce(STDOUT_FD): instantiates and runs the command; returns its exit code.
async function runOnce(stdout) {
  const wasi = new WASI({
    version: 'preview1',
    args: [basename(modulePath), ...argv],
    env,
    preopens,
    stdin: 0,
    stdout,
    stderr: 2,
    returnOnExit: true,
  });

  let instance;
  try {
    instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  } catch (e) {
    process.stderr.write(`node-wasi-run: instantiation failed: ${e.message}\n`);
    process.exit(125);
  }

  try {
    return wasi.start(instance) ?? 0;
  } catch (e) {
    // A trap (WebAssembly.RuntimeError) or a host error.
    process.stderr.write(`node-wasi-run: ${e instanceof WebAssembly.RuntimeError ? 'trap' : 'error'}: ${e.message}\n`);
    process.exit(134);
  }
}

if (repeat > 0) {
  const times = [];
  const cpu = [];
  let code = 0;
  const devNull = openSync('/dev/null', 'w');
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    code = await runOnce(r === 0 ? 1 : devNull);
    const used = process.cpuUsage(cpuStart);
    times.push((performance.now() - start).toFixed(1));
    cpu.push(((used.user + used.system) / 1000).toFixed(1));
  }
  process.stderr.write(`node-bench compile_ms=${compileMs.toFixed(1)} run_ms=${times.join(',')} cpu_ms=${cpu.join(',')}\n`);
  process.exitCode = code;
} else {
  process.exitCode = await runOnce(1);
}
