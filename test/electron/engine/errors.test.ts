import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const SLEEP = 'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));';

describe('function errors', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'errors.js': `
        ${SLEEP}
        class ValidationError extends Error {
          constructor(message) { super(message); this.name = 'ValidationError'; }
        }
        exports.handled = async () => { throw new ValidationError('order 7 is invalid'); };
        exports.typeError = async () => { const x = null; return x.field; };
        exports.throwsString = async () => { throw 'plain string failure'; };
        exports.notAFunction = 42;
        exports.timerCrash = async () => {
          setTimeout(() => { throw new Error('exploded in a timer'); }, 20);
          await sleep(2000);
          return 'unreachable';
        };
        exports.rejection = async () => {
          Promise.reject(new Error('nobody listens'));
          await sleep(2000);
          return 'unreachable';
        };
        exports.exits = async () => { process.exit(3); };
        exports.fine = async () => 'fine';
      `,
      'needs-package.js': `
        const pkg = require('faaslab-no-such-package');
        exports.handler = async () => pkg;
      `,
      'broken.js': `
        exports.handler = async () => { return { ; };
      `,
    });
    const fn = (id: string, handler: string) => functionConfig(id, dir, handler);
    engine = new Engine({
      functions: [
        fn('Handled', 'errors.handled'),
        fn('TypeErr', 'errors.typeError'),
        fn('ThrowsString', 'errors.throwsString'),
        fn('MissingExport', 'errors.nope'),
        fn('NotAFunction', 'errors.notAFunction'),
        fn('MissingFile', 'missing.handler'),
        fn('MissingPackage', 'needs-package.handler'),
        fn('SyntaxErr', 'broken.handler'),
        fn('Malformed', '../x.handler'),
        fn('TimerCrash', 'errors.timerCrash'),
        fn('Rejection', 'errors.rejection'),
        fn('Exits', 'errors.exits'),
      ],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  describe('handled errors', () => {
    it('reports an Error subclass by its name, message and stack, and keeps the environment', async () => {
      const { record, payload, functionError } = await engine.invoke('Handled');
      expect(record.status).toBe('error');
      expect(functionError).toBe('Unhandled');
      expect(record.error!.errorType).toBe('ValidationError');
      expect(record.error!.errorMessage).toBe('order 7 is invalid');
      expect(record.error!.trace[0]).toBe('ValidationError: order 7 is invalid');
      expect(record.error!.trace.length).toBeGreaterThan(1);
      expect(record.error!.trace[1]).toMatch(/^\s+at /);
      expect(payloadJson(payload)).toEqual({ errorType: 'ValidationError', errorMessage: 'order 7 is invalid', trace: record.error!.trace });
      expect(record.logs.some((l) => l.includes('\tERROR\tInvoke Error \t') && l.includes('"errorType":"ValidationError"'))).toBe(true);

      // A handled error does not end the environment.
      const again = await engine.invoke('Handled');
      expect(again.record.coldStart).toBe(false);
      expect(again.record.logStream).toBe(record.logStream);
    });

    it('reports a built-in error type', async () => {
      const { record } = await engine.invoke('TypeErr');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('TypeError');
      expect(record.error!.errorMessage).toBe("Cannot read properties of null (reading 'field')");
      expect(record.error!.trace[0]).toBe("TypeError: Cannot read properties of null (reading 'field')");
    });

    it('reports a thrown string with errorType "string" and no trace', async () => {
      const { record, payload } = await engine.invoke('ThrowsString');
      expect(record.status).toBe('error');
      expect(payloadJson(payload)).toEqual({ errorType: 'string', errorMessage: 'plain string failure', trace: [] });
    });
  });

  describe('load errors', () => {
    it('Runtime.HandlerNotFound for a missing export', async () => {
      const { record, functionError } = await engine.invoke('MissingExport');
      expect(record.status).toBe('error');
      expect(functionError).toBe('Unhandled');
      expect(record.coldStart).toBe(true);
      expect(record.error!.errorType).toBe('Runtime.HandlerNotFound');
      expect(record.error!.errorMessage).toBe('errors.nope is undefined or not exported');
    });

    it('Runtime.HandlerNotFound for an export that is not a function', async () => {
      const { record } = await engine.invoke('NotAFunction');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('Runtime.HandlerNotFound');
      expect(record.error!.errorMessage).toBe('errors.notAFunction is not a function');
    });

    it('Runtime.ImportModuleError for a missing file', async () => {
      const { record } = await engine.invoke('MissingFile');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('Runtime.ImportModuleError');
      expect(record.error!.errorMessage).toContain("Cannot find module 'missing'");
    });

    it('Runtime.ImportModuleError for a file that requires a missing package', async () => {
      const { record } = await engine.invoke('MissingPackage');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('Runtime.ImportModuleError');
      expect(record.error!.errorMessage).toContain("Cannot find module 'faaslab-no-such-package'");
    });

    it('Runtime.UserCodeSyntaxError for a file that does not parse', async () => {
      const { record, payload } = await engine.invoke('SyntaxErr');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('Runtime.UserCodeSyntaxError');
      expect(record.error!.errorMessage).toMatch(/^SyntaxError: /);
      expect((payloadJson(payload) as { errorType: string }).errorType).toBe('Runtime.UserCodeSyntaxError');
    });

    it('Runtime.MalformedHandlerName for a handler that leaves the code folder', async () => {
      const { record } = await engine.invoke('Malformed');
      expect(record.status).toBe('error');
      expect(record.error!.errorType).toBe('Runtime.MalformedHandlerName');
    });

    it('runs init again after a failed init', async () => {
      const first = await engine.invoke('MissingExport');
      const second = await engine.invoke('MissingExport');
      expect(second.record.status).toBe('error');
      expect(second.record.coldStart).toBe(true);
      expect(second.record.logStream).not.toBe(first.record.logStream);
      expect(second.record.error!.errorType).toBe('Runtime.HandlerNotFound');
    });
  });

  describe('crashes', () => {
    it('an uncaught exception during the invocation crashes the environment; the next invocation is cold', async () => {
      const { record, functionError } = await engine.invoke('TimerCrash');
      expect(record.status).toBe('crashed');
      expect(functionError).toBe('Unhandled');
      expect(record.error!.errorType).toBe('Error');
      expect(record.error!.errorMessage).toBe('exploded in a timer');
      expect(record.error!.trace[0]).toBe('Error: exploded in a timer');

      const next = await engine.invoke('TimerCrash');
      expect(next.record.coldStart).toBe(true);
      expect(next.record.logStream).not.toBe(record.logStream);
      expect(next.record.status).toBe('crashed');
    });

    it('an unhandled rejection crashes the environment with Runtime.UnhandledPromiseRejection', async () => {
      const { record } = await engine.invoke('Rejection');
      expect(record.status).toBe('crashed');
      expect(record.error!.errorType).toBe('Runtime.UnhandledPromiseRejection');
      expect(record.error!.errorMessage).toContain('nobody listens');

      const next = await engine.invoke('Rejection');
      expect(next.record.coldStart).toBe(true);
      expect(next.record.logStream).not.toBe(record.logStream);
    });

    it('process.exit in the handler crashes the environment with Runtime.ExitError', async () => {
      const { record, payload } = await engine.invoke('Exits');
      expect(record.status).toBe('crashed');
      expect(record.error!.errorType).toBe('Runtime.ExitError');
      expect(record.error!.errorMessage).toBe(`RequestId: ${record.requestId} Error: Runtime exited with error: exit status 3`);
      expect(record.error!.errorMessage).toContain('exit status 3');
      expect((payloadJson(payload) as { errorType: string }).errorType).toBe('Runtime.ExitError');
      expect(record.logs.at(-1)).toMatch(/^REPORT RequestId: .*Status: error\tError Type: Runtime\.ExitError$/);

      const next = await engine.invoke('Exits');
      expect(next.record.coldStart).toBe(true);
      expect(next.record.logStream).not.toBe(record.logStream);
    });
  });
});
