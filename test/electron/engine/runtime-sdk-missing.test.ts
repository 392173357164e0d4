/** A Python function that imports boto3 on a host without it: Lambda's error, and the install line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

describe('boto3 missing on the host', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;
  const saved = process.env.FAASLAB_BOTO3_DIR;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), { 'app.py': 'import boto3\ndef handler(e, c):\n    return 1\n', 'nothing/README': 'no boto3 here\n' });
    // The only place looked in, and it has no boto3: as a machine without python3-boto3.
    process.env.FAASLAB_BOTO3_DIR = `${dir}/nothing`;
    engine = new Engine({ functions: [functionConfig('Py', dir, 'app.handler', { runtime: 'python3.12' })] });
  });
  afterAll(async () => {
    await engine?.close();
    if (saved === undefined) delete process.env.FAASLAB_BOTO3_DIR;
    else process.env.FAASLAB_BOTO3_DIR = saved;
    removeTempDir(dir);
  });

  it('is Runtime.ImportModuleError naming the apt-get line', async () => {
    const { record } = await engine.invoke('Py');
    expect(record.error!.errorType).toBe('Runtime.ImportModuleError');
    expect(record.error!.errorMessage).toMatch(/^Unable to import module 'app': No module named 'boto3' \(faaslab: Lambda's Python runtimes include boto3.*sudo apt-get install -y python3-boto3/);
  });
});
