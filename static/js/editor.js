// The code editor: CodeMirror 6 with C++ highlighting (npm, bundled into
// static/vendor/codemirror.js by setup.sh), one tab per file (main.cpp plus headers and other
// sources, sent as `files` in the build request), and the compiler's diagnostics marked on
// their lines, in every file, with the list below the editor to jump to them.
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor, rectangularSelection, EditorState, history, defaultKeymap,
  historyKeymap, indentWithTab, indentUnit, indentOnInput, bracketMatching, foldGutter, foldKeymap,
  syntaxHighlighting, defaultHighlightStyle, searchKeymap, highlightSelectionMatches, closeBrackets,
  closeBracketsKeymap, cpp, setDiagnostics, lintGutter, lintKeymap,
} from 'codemirror-bundle';

/** The build service's file-name rule (simulator/buildservice/request.py NAME_RE). */
export const FILE_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\.(cpp|cc|cxx|c|h|hpp)$/;
export const MAX_FILES = 8;

const SEVERITY = { error: 'error', 'fatal error': 'error', warning: 'warning', note: 'info', remark: 'info' };

export class CodeEditor {
  /**
   * @param {HTMLElement} host the editor's box
   * @param {HTMLElement} tabs the tab list
   * @param {HTMLElement} list the diagnostics list
   * @param {() => void} onEdit called when the user changes any file
   */
  constructor(host, tabs, list, onEdit) {
    this.tabs = tabs;
    this.list = list;
    this.onEdit = onEdit;
    this.states = new Map();  // file name -> EditorState (the active one lives in the view)
    this.active = null;
    this.diagnostics = [];
    this.silent = false;
    this.host = host;
    this.view = null;  // made with the first file's state (one initialization, not two)
  }

  extensions(name) {
    return [
      lineNumbers(),
      foldGutter(),
      lintGutter(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      rectangularSelection(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
      cpp(),
      indentUnit.of('  '),
      EditorState.tabSize.of(2),
      keymap.of([indentWithTab]),
      EditorView.contentAttributes.of({ 'aria-label': name + ' source', 'data-testid': 'editor' }),
      EditorView.updateListener.of((u) => { if (u.docChanged && !this.silent) this.onEdit(); }),
    ];
  }

  makeState(name, text) {
    return EditorState.create({ doc: text, extensions: this.extensions(name) });
  }

  /** Replace every file (a demo, a share link). `files`: {name: text}. */
  setFiles(files, active) {
    this.states.clear();
    for (const [name, text] of Object.entries(files)) this.states.set(name, this.makeState(name, text));
    this.active = null;
    this.diagnostics = [];
    this.show(active && this.states.has(active) ? active : this.states.keys().next().value);
    this.renderList();
  }

  /** {name: text} of every file, in tab order. */
  files() {
    this.saveActive();
    return Object.fromEntries([...this.states].map(([name, state]) => [name, state.doc.toString()]));
  }

  text(name = this.active) { return this.files()[name]; }

  saveActive() {
    if (this.active && this.view) this.states.set(this.active, this.view.state);
  }

  show(name) {
    this.saveActive();
    this.active = name;
    this.silent = true;
    if (this.view) this.view.setState(this.states.get(name));
    else this.view = new EditorView({ state: this.states.get(name), parent: this.host });
    this.silent = false;
    this.renderTabs();
  }

  /** Check a new file name; returns an error message or null. */
  checkName(name, except = null) {
    if (!FILE_NAME_RE.test(name)) return 'Use letters, digits, _ . - and end in .cpp, .c, .h or .hpp (no folders).';
    for (const other of this.states.keys()) {
      if (other !== except && other.toLowerCase() === name.toLowerCase()) return name + ' exists already.';
      const stem = (n) => n.toLowerCase().replace(/\.[^.]+$/, '');
      const isSource = (n) => !/\.(h|hpp)$/i.test(n);
      if (other !== except && isSource(other) && isSource(name) && stem(other) === stem(name)) {
        return name + ' and ' + other + ' would both compile to ' + stem(name) + '.o.';
      }
    }
    return null;
  }

  addFile(name) {
    const error = this.states.size >= MAX_FILES ? 'At most ' + MAX_FILES + ' files.' : this.checkName(name);
    if (error) return error;
    const text = /\.(h|hpp)$/.test(name) ? '#pragma once\n// ' + name + '\n' : '#include "mbed.h"\n';
    this.states.set(name, this.makeState(name, text));
    this.show(name);
    this.onEdit();
    return null;
  }

  renameFile(from, to) {
    if (from === to) return null;
    const error = this.checkName(to, from);
    if (error) return error;
    this.saveActive();
    const entries = [...this.states].map(([n, s]) => (n === from ? [to, this.makeState(to, s.doc.toString())] : [n, s]));
    this.states = new Map(entries);
    this.diagnostics = this.diagnostics.map((d) => (d.file === from ? { ...d, file: to } : d));
    if (this.active === from) this.active = null;
    this.show(to);
    this.applyDiagnostics();
    this.onEdit();
    return null;
  }

  deleteFile(name) {
    if (this.states.size <= 1) return 'A program needs at least one file.';
    this.saveActive();
    this.states.delete(name);
    this.diagnostics = this.diagnostics.filter((d) => d.file !== name);
    if (this.active === name) { this.active = null; this.show(this.states.keys().next().value); }
    this.renderTabs();
    this.renderList();
    this.onEdit();
    return null;
  }

  renderTabs() {
    const buttons = [];
    for (const name of this.states.keys()) {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.id = 'tab-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
      b.dataset.file = name;
      b.dataset.testid = 'tab';
      const selected = name === this.active;
      b.setAttribute('aria-selected', String(selected));
      b.setAttribute('aria-controls', 'editor-panel');
      b.tabIndex = selected ? 0 : -1;
      const errors = this.diagnostics.filter((d) => d.file === name && SEVERITY[d.severity] === 'error').length;
      b.textContent = name;
      if (errors) {
        const badge = document.createElement('span');
        badge.className = 'tab-errors';
        badge.textContent = String(errors);
        badge.setAttribute('aria-label', errors + (errors === 1 ? ' error' : ' errors'));
        b.append(' ', badge);
      }
      b.addEventListener('click', () => this.show(name));
      b.addEventListener('keydown', (e) => this.tabKey(e, name));
      buttons.push(b);
    }
    this.tabs.replaceChildren(...buttons);
    // Each file's state carries its own label (extensions(name)): nothing to reconfigure here.
    if (this.active) this.host.setAttribute('aria-labelledby', 'tab-' + this.active.replace(/[^A-Za-z0-9_-]/g, '_'));
  }

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  tabKey(e, name) {
    const names = [...this.states.keys()];
    let i = names.indexOf(name);
    if (e.key === 'ArrowRight') i = (i + 1) % names.length;
    else if (e.key === 'ArrowLeft') i = (i - 1 + names.length) % names.length;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = names.length - 1;
    else return;
    e.preventDefault();
    this.show(names[i]);
    this.tabs.querySelector('[aria-selected=true]').focus();
  }

  /**
   * Show the compiler's diagnostics: [{file, line, col, severity, message, hint?}]. Those in
   * files of the editor are marked inline (lint gutter and underline); all are listed.
   */
  setDiagnostics(diagnostics) {
    this.diagnostics = (diagnostics || []).filter((d) => d && typeof d.message === 'string');
    this.applyDiagnostics();
    this.renderTabs();
    this.renderList();
  }

  applyDiagnostics() {
    this.saveActive();
    for (const [name, state] of this.states) {
      const marks = this.diagnostics.filter((d) => d.file === name && d.line > 0).map((d) => toMark(state, d));
      const next = state.update(setDiagnostics(state, marks)).state;
      this.states.set(name, next);
    }
    if (this.active) {
      const marks = this.diagnostics.filter((d) => d.file === this.active && d.line > 0).map((d) => toMark(this.view.state, d));
      this.silent = true;
      this.view.dispatch(setDiagnostics(this.view.state, marks));
      this.silent = false;
      this.states.set(this.active, this.view.state);
    }
  }

  renderList() {
    const items = [];
    for (const d of this.diagnostics) {
      if (d.severity === 'note' && !d.file) continue;
      const li = document.createElement('li');
      li.className = SEVERITY[d.severity] || 'info';
      const where = d.file ? d.file + ':' + d.line + ':' + d.col + ': ' : '';
      const text = where + d.severity + ': ' + d.message;
      if (d.file && this.states.has(d.file) && d.line > 0) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'link';
        b.textContent = text;
        b.addEventListener('click', () => this.reveal(d));
        li.appendChild(b);
      } else {
        li.textContent = text;
      }
      if (d.hint) {
        const hint = document.createElement('div');
        hint.className = 'hint';
        hint.textContent = 'Hint: ' + d.hint;
        li.appendChild(hint);
      }
      li.dataset.file = d.file || '';
      li.dataset.line = String(d.line || '');
      items.push(li);
    }
    this.list.replaceChildren(...items);
  }

  /** Open the diagnostic's file and put the cursor on it. */
  reveal(d) {
    this.show(d.file);
    const mark = toMark(this.view.state, d);
    this.view.dispatch({ selection: { anchor: mark.from }, scrollIntoView: true });
    this.view.focus();
  }

  focus() { this.view.focus(); }
}

/** A compiler diagnostic as a CodeMirror one: from the column to the end of the word there. */
function toMark(state, d) {
  const line = state.doc.line(Math.min(Math.max(1, d.line), state.doc.lines));
  const from = Math.min(line.from + Math.max(0, (d.col || 1) - 1), line.to);
  const word = state.wordAt(from);
  let to = word && word.from === from ? word.to : Math.min(from + 1, line.to);
  if (to <= from) to = from;  // an empty line: the gutter marker still shows
  return {
    from, to,
    severity: SEVERITY[d.severity] || 'info',
    source: 'compiler',
    message: d.hint ? d.message + '\nHint: ' + d.hint : d.message,
  };
}
