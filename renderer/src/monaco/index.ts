/** The lazily loaded Monaco chunk's surface: setup (languages, themes, typings) and the file models. */
export { monaco, json, typescript, loadTypings, themeName, languageOf } from './setup.js';
export * as models from './models.js';
