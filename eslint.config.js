import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createTypeScriptImportResolver, importX, tseslint } from 'faaslab-eslint-typescript5';

/**
 * The recommended rules of ESLint and typescript-eslint (syntax only: typed linting would run a
 * second TypeScript, 5, beside the project's tsc 7), unused variables, import cycles among our own
 * modules, and the rules of hooks in the renderer. Formatting is Prettier's (.prettierrc).
 */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/results/', 'examples/', '.faaslab/', '**/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle follows imports only into files it can parse: ours are TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Imports name the emitted '.js' of a '.ts' file (moduleResolution bundler): resolve them as tsc does.
      'import-x/resolver-next': [createTypeScriptImportResolver({ noWarnOnMultipleProjects: true, project: ['tsconfig.json', 'renderer/tsconfig.json', 'test/e2e/tsconfig.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A leading underscore marks a parameter or element that is there for its position only.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read the events and answers they parse by deep paths (event.Records[0].s3.object.key); typing
    // each would add casts, not safety: a wrong path fails the test anyway.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
