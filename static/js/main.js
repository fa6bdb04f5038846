// The page: wires the server connection, the board and its parts, the drawing pad, the
// editor, the runner (the isolated program) and the network pictures. It knows what each
// module offers, never their internals. docs/browser.md describes the modules.
import { connect } from './socket.js';
import { Board } from './board.js';
import { BOARDS, DEFAULT_BOARD } from './boards.js';
import { DrawingPad } from './canvas.js';
import { Runner } from './runner.js';
import { makeLink, readLink } from './share.js';
import { ModelView } from './model-view.js';

// CodeMirror (the largest script, preloaded by index.html) is evaluated while the demo's
// worker compiles and starts it. Its two long steps (evaluating the library, then building the
// editor) run in separate tasks, so the demo's messages (its bytes going out, its "ready")
// get in between (docs/browser.md, "Start-up").
let editorModule = null;
const loadEditor = () => editorModule || (editorModule = import('./editor.js'));
const boot = window.simBoot || { pins: {} };   // start-up requests made by index.html
const $ = (id) => document.getElementById(id);
const statusEl = $('status');
const runButton = $('run');
const stopButton = $('stop');
const demoSelect = $('demo');
const picker = $('board-picker');

// The page's start-up marks (bench/bench_browser.py reads them): set when what the code just
// put on the page has been painted, i.e. at the end of the next animation frame's work (its
// style, layout and paint), not when the code put it there. Resolves once the mark is set.
function markPainted(name) {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
    if (!performance.getEntriesByName(name).length) performance.mark(name);
    resolve();
  })));
}

// Settles when the first program is on the page: its "Running" painted, or it stopped.
let firstProgramSettled;
const firstProgram = new Promise((resolve) => { firstProgramSettled = resolve; });

function setStatus(text, isError) {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', !!isError);
}

const server = connect();
const runner = new Runner($('runner-host'), onProgramMessage);
const board = new Board({ pcb: $('pcb'), shield: $('shield'), console: $('console-slot') }, (msg) => runner.send(msg));
const modelView = new ModelView($('model'));
const pad = new DrawingPad($('draw'), $('preview'), async (payload) => {
  const answer = await server.request('digit', payload, ['digit_result']);
  return { idx: new Uint8Array(answer.idx), pixels: answer.pixels };
});
let editor = null;
let boardName = DEFAULT_BOARD;
let programLabel = null;
let demos = {};
const pinTables = {};

// ---- The program's messages ---------------------------------------------------------------
function onProgramMessage(msg) {
  switch (msg.type) {
    case 'ready':
      board.powerOn();
      markPainted('sim:running').then(firstProgramSettled);
      setStatus('Running ' + programLabel);
      break;
    case 'crash':
      stopButton.disabled = true;
      setStatus('The program stopped: ' + msg.message, true);
      firstProgramSettled();
      break;
    case 'exit':
      setStatus('The program ended (exit code ' + msg.code + ')');
      firstProgramSettled();
      break;
    default:
      board.receive(msg);
      modelView.receive(msg);
  }
}

// Before the main button's press reaches the program, the drawing goes to /fs/tmp.idx (the
// mnist demo reads it). The conversion usually finished when the last stroke ended.
board.addInputFilter(async (msg) => {
  const button = board.part(BOARDS[boardName].button);
  if (!button || msg.type !== 'pin' || msg.pin !== button.inputPin || pad.empty) return;
  if (msg.level !== (button.spec.activeLevel === 0 ? 0 : 1)) return;
  try {
    const digit = await pad.image();
    if (digit) runner.writeFile('/fs/tmp.idx', digit.idx);
  } catch (err) {
    setStatus(err.message, true);
  }
});

// `start` starts it on the runner: a build of the editor's files in a sandboxed frame
// (runner.start), or the server's prebuilt demo at start-up (runner.adoptDemo).
function startProgram(label, files, start) {
  programLabel = label;
  board.reset();
  modelView.showFor(files).catch((err) => console.error(err));
  setStatus('Starting ' + label + '…');
  stopButton.disabled = false;
  try {
    start().catch(() => {});  // a crash is reported through onProgramMessage
  } catch (err) {
    setStatus(err.message, true);
  }
}

// ---- Boards ---------------------------------------------------------------------------------
async function pinsFor(name) {
  if (!pinTables[name] && boot.pins[name]) pinTables[name] = await boot.pins[name];
  if (!pinTables[name]) {
    const r = await fetch('/api/pins?board=' + encodeURIComponent(name));
    if (!r.ok) throw new Error('could not read the pins of ' + name);
    pinTables[name] = await r.json();
  }
  return pinTables[name];
}

async function mountBoard(name) {
  const pins = await pinsFor(name);
  boardName = name;
  picker.value = name;
  board.mount(BOARDS[name], pins);
  $('board-title').textContent = BOARDS[name].title + ', running an int8 neural network. Draw a digit, press ' +
    board.part(BOARDS[name].button).spec.label + '.';
}

picker.addEventListener('change', async () => {
  if (!BOARDS[picker.value] || picker.value === boardName) return;
  runner.stop();
  stopButton.disabled = true;
  await mountBoard(picker.value);
  setStatus('Board: ' + BOARDS[boardName].title + '. Press Run to build the program for it.');
});

// Boards the server builds for (GET /api/boards, where the server has it): others are offered
// but disabled, with the reason in their label. Asked once the page has started.
function markBoardsOnThisServer() {
  fetch('/api/boards').then((r) => (r.ok ? r.json() : null)).then((info) => {
    if (!info || !Array.isArray(info.boards)) return;
    for (const option of picker.options) {
      if (!info.boards.includes(option.value)) {
        option.disabled = true;
        option.textContent += ' (not on this server)';
      }
    }
  }).catch(() => {});
}

// ---- Build and run ------------------------------------------------------------------------
async function run() {
  if (!editor || runButton.disabled) return;  // one build at a time (Ctrl+Enter too)
  const files = editor.files();
  const label = demoSelect.value && demoSelect.value !== '(edited)' ? demoSelect.value : 'your program';
  setStatus('Building…');
  runButton.disabled = true;
  try {
    const result = await server.request('build', { files, board: boardName }, ['build_result'], (name, data) => {
      if (name !== 'build_status') return undefined;
      // Refused for now (queue, budget, limits) or replaced by a newer request: this one ends.
      if (data.state === 'busy' || data.state === 'replaced') return new Error(data.message || 'the server is busy: try again');
      if (data.position > 0) setStatus('Waiting to build: position ' + data.position + ' in the queue (' + data.seconds + ' s)…');
      else setStatus('Building… ' + (data.seconds ? data.seconds + ' s' : ''));
      return undefined;
    });
    editor.setDiagnostics(result.diagnostics);
    $('build-log').textContent = result.log ||
      (result.ok ? 'Built in ' + result.seconds + ' s' + (result.cache_hit ? ' (cached).' : '.') : '');
    if (!result.ok) {
      setStatus(result.error ? 'Build failed: ' + result.error : 'Compile error: see the marked lines', true);
      return;
    }
    startProgram(label, files, () => runner.start(result.key));
  } catch (err) {
    setStatus(err.message, true);
  } finally {
    runButton.disabled = false;
  }
}
runButton.addEventListener('click', run);
stopButton.addEventListener('click', () => {
  runner.stop();
  stopButton.disabled = true;
  setStatus('Stopped ' + (programLabel || 'the program'));
});
// Ctrl+Enter runs, from anywhere in the program's section (before the editor sees the key).
document.querySelector('section.code').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.stopPropagation(); run(); }
}, { capture: true });

// ---- Demos, files, share ------------------------------------------------------------------
function markEdited() {
  if (![...demoSelect.options].some((o) => o.value === '(edited)')) demoSelect.append(new Option('(edited)', '(edited)'));
  demoSelect.value = '(edited)';
}

demoSelect.addEventListener('change', () => {
  if (demos[demoSelect.value] === undefined) return;
  editor.setFiles({ 'main.cpp': demos[demoSelect.value] });
  $('shared-banner').hidden = true;
});

const fileForm = $('file-form');
const fileName = $('file-name');
let fileAction = null;
function askName(label, initial, action) {
  $('file-form-label').textContent = label;
  $('file-error').textContent = '';
  fileName.value = initial;
  fileAction = action;
  fileForm.hidden = false;
  fileName.focus();
  fileName.select();
}
fileForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const error = fileAction(fileName.value.trim());
  if (error) { $('file-error').textContent = error; return; }
  fileForm.hidden = true;
  editor.focus();
});
$('file-cancel').addEventListener('click', () => { fileForm.hidden = true; });
fileForm.addEventListener('keydown', (e) => { if (e.key === 'Escape') fileForm.hidden = true; });
$('file-new').addEventListener('click', () => askName('New file name', 'util.h', (n) => editor.addFile(n)));
$('file-rename').addEventListener('click', () => {
  const from = editor.active;
  askName('Rename ' + from + ' to', from, (n) => editor.renameFile(from, n));
});
$('file-delete').addEventListener('click', () => {
  const name = editor.active;
  if (!window.confirm('Delete ' + name + '?')) return;
  const error = editor.deleteFile(name);
  if (error) setStatus(error, true);
});

$('share').addEventListener('click', async () => {
  const url = await makeLink(editor.files(), boardName);
  history.replaceState(null, '', url);
  $('share-url').textContent = url;
  try { await navigator.clipboard.writeText(url); } catch (e) { /* the link is shown */ }
});

$('clear').addEventListener('click', () => pad.clear());

// ---- Start-up -----------------------------------------------------------------------------
async function waitForDefaultBuild() {
  for (let first = true; ; first = false) {
    const info = first && boot.default ? await boot.default : await (await fetch('/api/default')).json();
    if (info.state === 'ready') return info;
    if (info.state === 'failed') throw new Error('the ' + info.demo + ' demo did not build: ' + (info.result.error || 'see the log'));
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function init() {
  let shared = null;
  let linkError = null;
  try {
    shared = await readLink(location.hash, /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\.(cpp|cc|cxx|c|h|hpp)$/, BOARDS);
  } catch (err) {
    linkError = err;
  }
  const demoList = boot.demos || fetch('/api/demos').then((r) => r.json());
  const defaultBuild = shared ? null : waitForDefaultBuild();
  if (defaultBuild) defaultBuild.catch(() => {});
  await mountBoard(shared && shared.board ? shared.board : DEFAULT_BOARD);

  let booting = null;
  if (defaultBuild) {
    // The prebuilt mnist demo, started by index.html in a Worker of this page (the server's
    // own build: see js/runner.js), runs while the editor loads; without it, in a frame.
    booting = defaultBuild.then((info) => {
      startProgram(info.demo, { 'main.cpp': '' },
        () => (boot.demo ? runner.adoptDemo(boot.demo) : runner.start(info.result.key)));
      return info;
    });
    setStatus('Building the mnist demo…');
  }

  const [{ CodeEditor }, list] = await Promise.all([loadEditor(), demoList]);
  await new Promise((resolve) => setTimeout(resolve, 0));  // a task boundary: see loadEditor
  demos = Object.fromEntries(list.map((d) => [d.name, d.source]));
  for (const d of list) demoSelect.append(new Option(d.name, d.name));
  editor = new CodeEditor($('editor-panel'), $('tabs'), $('diagnostics'), markEdited);

  let editorPainted;
  if (shared) {
    editor.setFiles(shared.files, 'main.cpp');
    markEdited();
    $('shared-banner').hidden = false;
    setStatus('Opened a shared program: read it, then press Run.');
    editorPainted = markPainted('sim:editor');
  } else {
    demoSelect.value = 'mnist';
    editor.setFiles({ 'main.cpp': demos.mnist || '' });
    editorPainted = markPainted('sim:editor');
    if (linkError) {  // the board runs the demo; the banner says why the link did not open
      const banner = $('shared-banner');
      banner.textContent = 'The share link is damaged (' + linkError.message + '): the mnist demo was opened instead.';
      banner.hidden = false;
    }
  }
  // After start-up (the editor painted, and the demo running or stopped), nothing before: the
  // network's pictures (they ask /api/models), the connection for drawings and builds (a
  // request opens it earlier if it must), the boards this server builds for, and the frame
  // (its own process) the next program will run in. On two cores each of these took time
  // from the editor's first paint (docs/browser.md, "Start-up").
  await editorPainted;
  if (booting) {
    const info = await booting;
    await firstProgram;
    modelView.showFor({ 'main.cpp': demos[info.demo] || '' }).catch((err) => console.error(err));
  }
  server.open();
  markBoardsOnThisServer();
  runner.prepareSpare();
}

window.simPage = { get editor() { return editor; }, board, runner, pad };
init().catch((err) => setStatus('Error: ' + err.message, true));
