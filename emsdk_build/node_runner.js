// Runs a wasm build headless under node for `sim run --target wasm` and the tests:
//   node --no-experimental-fetch node_runner.js app.js RUN_DIR
// RUN_DIR holds config.txt (the run configuration, see firmware/mbed/src/sim_io.cpp) and an
// optional fs/ folder copied into the program's /fs. The simulator runs on its virtual clock
// and writes the run report (firmware/mbed/src/sim_report.cpp) to stdout, the same records the
// host and Cortex-M4 targets write to their report files.
'use strict';
const fs = require('fs');
const path = require('path');

const [appJs, runDir] = process.argv.slice(2);
const out = (text) => fs.writeSync(1, text);  // synchronous: nothing is lost at exit
let ended = false;

function copyTree(Module, hostDir, simDir) {
  if (!fs.existsSync(hostDir)) return;
  Module.FS.mkdirTree(simDir);
  for (const name of fs.readdirSync(hostDir)) {
    const from = path.join(hostDir, name);
    const to = simDir + '/' + name;
    if (fs.statSync(from).isDirectory()) copyTree(Module, from, to);
    else Module.FS.writeFile(to, fs.readFileSync(from));
  }
}

function crashLine(message) {
  return 'E 0 crashed ' + Buffer.from(message || 'crashed').toString('hex') + '\n';
}

process.on('uncaughtException', (e) => {
  if (!ended) out(crashLine(String((e && e.message) || e).split('\n')[0]));
  process.exit(1);
});

const createMbedModule = require(path.resolve(appJs));
createMbedModule({
  onReport: (text) => {
    if (text.startsWith('E ')) ended = true;
    out(text);
  },
  onExit: (status, message) => {
    if (!ended) out(crashLine(message || status));
    ended = true;
    process.exit(status === 'crashed' ? 1 : 0);
  },
  print: (text) => process.stderr.write(text + '\n'),
  printErr: (text) => process.stderr.write(text + '\n'),
  // Before the program's global constructors run: a constructor that prints, or stops with a
  // fatal error (a PwmOut on a pin without PWM), is reported like the rest of the run.
  preRun: [(Module) => {
    Module.FS.mkdirTree('/sim');
    Module.FS.writeFile('/sim/config.txt', fs.readFileSync(path.join(runDir, 'config.txt')));
    copyTree(Module, path.join(runDir, 'fs'), '/fs');
  }],
}).then((Module) => {
  Module.callMain([]);
}, (e) => {
  out(crashLine('the program could not be loaded: ' + String((e && e.message) || e)));
  process.exit(1);
});
