/**
 * typescript-eslint's parser and eslint-plugin-import-x call the TypeScript 5 compiler API,
 * which typescript 7 (the project's tsc) does not have. Installed as a folder of its own, this
 * package keeps typescript 5 in its own node_modules, where only these plugins find it.
 * ts-api-utils, which they use, would accept typescript 7 and be hoisted next to it: the root
 * package.json's override asks it for typescript 5, which keeps it in here too.
 */
export { default as tseslint } from 'typescript-eslint';
export { importX } from 'eslint-plugin-import-x';
export { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
