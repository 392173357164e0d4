/**
 * A host on a temporary workspace, as the transports use it: calls go through host.call (so
 * inputs are validated) and every answer is checked against the contract's output schema.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { methods, type MethodName, type Output } from '../../../shared/api/contract.js';
import { createHost } from '../../../electron/services/create-host.js';
import { HostError, type Host, type Push } from '../../../electron/services/host-types.js';
import { removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

export interface HostFixture {
  host: Host;
  dir: string;
  stateDir: string;
  pushes: Push[];
  call<M extends MethodName>(method: M, params?: unknown): Promise<Output<M>>;
  /** The HostError a call fails with (fails the test if it succeeds). */
  failure(method: MethodName, params?: unknown): Promise<HostError>;
  /** The first push of `event` matching, among those from index `since` on (default: all). */
  waitForPush<E extends Push['event']>(event: E, match?: (data: Extract<Push, { event: E }>['data']) => boolean, what?: string, since?: number): Promise<Extract<Push, { event: E }>['data']>;
  read(rel: string): string;
  write(files: Record<string, string>): void;
  close(): Promise<void>;
}

/** A template with the functions most host tests need; each test file may pass its own. */
export const BASIC_FILES: Record<string, string> = {
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: faaslab host tests

Parameters:
  Stage:
    Type: String
    Default: dev

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 3
    Environment:
      Variables:
        STAGE: !Ref Stage

Resources:
  # Answers with the variables it sees.
  EnvFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/env/
      Handler: index.handler
      MemorySize: 256
      Environment:
        Variables:
          GREETING: hello
          TABLE: !Ref Table

  # Waits event.ms milliseconds.
  SlowFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/slow/
      Handler: index.handler
      Timeout: 30

  Table:
    Type: AWS::DynamoDB::Table
`,
  'functions/env/index.mjs': `export const handler = async (event) => ({ env: { STAGE: process.env.STAGE, GREETING: process.env.GREETING, TABLE: process.env.TABLE, X_VAR: process.env.X_VAR }, event });\n`,
  'functions/slow/index.mjs': `export const handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms ?? 10_000)); return 'done'; };\n`,
};

/** `prepare` shapes the folder before the host starts, so its watcher never reports the setup as a code change. */
export async function startHost(files: Record<string, string> = BASIC_FILES, prepare?: (dir: string) => void): Promise<HostFixture> {
  const dir = writeFiles(mkdtempSync(path.join(os.tmpdir(), 'faaslab-host-')), files);
  prepare?.(dir);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-state-'));
  // apiPort 0: a free port for the HTTP trigger server, never the 3000 a developer may be using.
  const host = await createHost({ workspaceDir: dir, stateDir, apiPort: 0 });
  const pushes: Push[] = [];
  host.subscribe((p) => pushes.push(p));
  const call = async <M extends MethodName>(method: M, params: unknown = {}): Promise<Output<M>> => {
    const result = await host.call(method, params);
    return methods[method].output.parse(result) as Output<M>;
  };
  return {
    host,
    dir,
    stateDir,
    pushes,
    call,
    async failure(method, params = {}) {
      try {
        await host.call(method, params);
      } catch (err) {
        expect(err).toBeInstanceOf(HostError);
        return err as HostError;
      }
      throw new Error(`${method} succeeded, a failure was expected`);
    },
    async waitForPush(event, match = () => true, what = event, since = 0) {
      const found = await waitFor(() => pushes.slice(since).find((p) => p.event === event && match(p.data as never)), `a '${what}' push`, 10_000);
      return found.data as never;
    },
    read: (rel) => readFileSync(path.join(dir, rel), 'utf8'),
    write: (more) => void writeFiles(dir, more),
    async close() {
      await host.close();
      removeTempDir(dir);
      removeTempDir(stateDir);
    },
  };
}
