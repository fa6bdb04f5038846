// The CodeMirror 6 pieces the editor uses, bundled by setup.sh (esbuild) into one minified ES
// module, static/vendor/codemirror.js: one request instead of seventeen, a third of the bytes.
// The page's own modules stay unbundled.
export { basicSetup, EditorView } from 'codemirror';
export { EditorState, Compartment } from '@codemirror/state';
export { keymap } from '@codemirror/view';
export { indentWithTab } from '@codemirror/commands';
export { indentUnit } from '@codemirror/language';
export { cpp } from '@codemirror/lang-cpp';
export { setDiagnostics, lintGutter, forEachDiagnostic, openLintPanel, nextDiagnostic } from '@codemirror/lint';
