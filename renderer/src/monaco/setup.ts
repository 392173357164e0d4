/**
 * Monaco, bundled from node_modules with only what faaslab needs: the editor features, the
 * TypeScript/JavaScript and JSON language services (with their workers), and Monarch
 * highlighting for YAML, Python, Ruby, shell, Markdown, INI and Dockerfile. Loaded lazily: the
 * workbench renders before this chunk arrives.
 */
import './environment.js';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/ruby/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/ini/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import * as json from 'monaco-editor/languages/features/json/register';
// Since monaco-editor 0.55 this is the top-level `typescript` namespace (was languages.typescript).
import * as typescript from 'monaco-editor/languages/features/typescript/register';

export { monaco, json, typescript };

const compilerOptions = {
  target: typescript.ScriptTarget.ESNext,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  lib: ['es2023'],
  allowJs: true,
  checkJs: false,
  allowNonTsExtensions: true,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

typescript.typescriptDefaults.setCompilerOptions(compilerOptions);
typescript.javascriptDefaults.setCompilerOptions(compilerOptions);
typescript.typescriptDefaults.setEagerModelSync(true);
typescript.javascriptDefaults.setEagerModelSync(true);
// JavaScript: syntax errors and suggestions, no type errors (as VS Code without checkJs).
typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });

json.jsonDefaults.setDiagnosticsOptions({ validate: true, allowComments: false, trailingCommas: 'error', enableSchemaRequest: false });

monaco.languages.register({ id: 'shell', filenames: ['bootstrap'], firstLine: '^#!.*\\b(sh|bash|zsh)\\b' });

// The JSON mode is a chunk of its own, fetched on first use. In browser mode the host serves it:
// fetch it now, or a Test tab first opened while the host is down shows an uncoloured event.
monaco.editor.createModel('', 'json').dispose();

const shared = (base: 'vs' | 'vs-dark', bg: string, gutter: string): monaco.editor.IStandaloneThemeData => ({
  base,
  inherit: true,
  rules: [],
  colors: {
    'editor.background': bg,
    'editorGutter.background': gutter,
    'minimap.background': bg,
  },
});
monaco.editor.defineTheme('faaslab-light', shared('vs', '#ffffff', '#ffffff'));
monaco.editor.defineTheme('faaslab-dark', shared('vs-dark', '#1b1d23', '#1b1d23'));

let typingsLoaded = false;
/** Adds the bundled @types (see typings.ts) once, after the first editor has rendered. */
export function loadTypings(): void {
  if (typingsLoaded) return;
  typingsLoaded = true;
  void import('./typings.js').then(({ typeLibraries }) => {
    const libs = typeLibraries().map(([filePath, content]) => ({ filePath, content }));
    typescript.typescriptDefaults.setExtraLibs(libs);
    typescript.javascriptDefaults.setExtraLibs(libs);
  });
}

export function themeName(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'faaslab-dark' : 'faaslab-light';
}

const LANGUAGES: Array<[RegExp, string]> = [
  [/\.(m|c)?jsx?$/i, 'javascript'],
  [/\.(m|c)?tsx?$/i, 'typescript'],
  [/\.json$/i, 'json'],
  [/\.ya?ml$/i, 'yaml'],
  [/\.py$/i, 'python'],
  [/(\.rb|(^|\/)(Gemfile|Rakefile))$/, 'ruby'],
  [/(\.(sh|bash)|(^|\/)bootstrap)$/i, 'shell'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/(\.(ini|cfg|toml|env)|(^|\/)\.env(\..*)?)$/i, 'ini'],
  [/(^|\/)Dockerfile$/, 'dockerfile'],
];

export function languageOf(path: string, content = ''): string {
  for (const [pattern, id] of LANGUAGES) if (pattern.test(path)) return id;
  if (/^#!.*\b(sh|bash)\b/.test(content)) return 'shell';
  if (/^#!.*\bnode\b/.test(content)) return 'javascript';
  if (/^#!.*\bpython/.test(content)) return 'python';
  if (/^#!.*\bruby/.test(content)) return 'ruby';
  return 'plaintext';
}
