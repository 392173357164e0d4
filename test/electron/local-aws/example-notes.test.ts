/**
 * The example workspace's NotesFunction, as a new user meets it: PUT and GET through its HTTP
 * API, the text landing as a file in the bucket's folder and the row in the table's file.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../electron/services/create-host.js';
import type { Host } from '../../../electron/services/host-types.js';
import { removeTempDir } from '../../helpers/functions.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');

describe("the examples' NotesFunction", () => {
  let dir: string;
  let host: Host;
  let api: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-examples-'));
    cpSync(EXAMPLES, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.faaslab`) });
    host = await createHost({ workspaceDir: dir, stateDir: path.join(dir, '.state'), apiPort: 0, awsPort: 0 });
    api = (await host.call('triggers.list', {})).apiUrl!;
  });
  afterAll(async () => {
    await host?.close();
    removeTempDir(dir);
  });

  it('stores a note in the local bucket and table, and reads it back', async () => {
    const put = await fetch(`${api}/notes/first`, { method: 'PUT', body: 'remember the milk' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ id: 'first', key: 'notes/first.txt', length: 17 });
    expect(readFileSync(path.join(dir, '.faaslab/buckets/faaslab-example-notes/notes/first.txt'), 'utf8')).toBe('remember the milk');
    const table = JSON.parse(readFileSync(path.join(dir, '.faaslab/tables/notes.json'), 'utf8')) as { items: unknown[] };
    expect(table.items).toEqual([expect.objectContaining({ id: { S: 'first' }, key: { S: 'notes/first.txt' } })]);

    const get = await fetch(`${api}/notes/first`);
    expect(await get.json()).toMatchObject({ id: 'first', text: 'remember the milk' });
    expect((await fetch(`${api}/notes/none`)).status).toBe(404);
  });
});
