// The CodeMirror 6 pieces the editor uses, bundled by setup.sh (esbuild) into one minified ES
// module, static/vendor/codemirror.js: one request instead of seventeen, a third of the bytes.
// The page's own modules stay unbundled. No autocompletion (C++ has no completion source here)
// keeps the bundle and the editor's start-up small.
export { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor, rectangularSelection } from '@codemirror/view';
export { EditorState } from '@codemirror/state';
export { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
export { indentUnit, indentOnInput, bracketMatching, foldGutter, foldKeymap, syntaxHighlighting,
  defaultHighlightStyle } from '@codemirror/language';
export { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
export { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
export { cpp } from '@codemirror/lang-cpp';
export { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
