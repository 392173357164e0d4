/**
 * The AWS target setting: a function pointed at real AWS gets the credentials of a profile of the
 * user's AWS config (a real config file, read by the SDK's own resolver) and the target's region
 * instead of the local endpoint; its records say where its calls went; back to local, the
 * endpoint returns. Real AWS itself is not reachable here: what is tested is what the function sees.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Env:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: env/
      Handler: index.handler
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: env/
      Handler: index.handler
`,
  'env/index.mjs': `export const handler = async () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));\n`,
};

describe('the AWS target setting', () => {
  let f: HostFixture;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-awsconfig-'));
    writeFileSync(path.join(dir, 'config'), '[profile faaslab-test]\nregion = eu-west-1\n');
    writeFileSync(path.join(dir, 'credentials'), '[faaslab-test]\naws_access_key_id = AKIATESTPROFILE00001\naws_secret_access_key = test-profile-secret\n');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    f = await startHost(FILES);
  });
  afterAll(async () => {
    await f?.close();
    for (const [k, v] of [
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const env = async (logicalId: string) => {
    const record = await f.call('invoke.run', { logicalId, payload: '{}' });
    return { record, vars: record.response as Record<string, string> };
  };

  it("gives a function pointed at real AWS its profile's credentials and region, and no local endpoint", async () => {
    expect((await env('Env')).vars.AWS_ENDPOINT_URL).toBe(f.host.awsEndpoint);
    await f.call('settings.update', { settings: { awsTargets: { functions: { Env: { mode: 'aws', profile: 'faaslab-test', region: 'eu-west-2' } } } } });
    const summary = (await f.call('workspace.current', {})).functions.find((fn) => fn.logicalId === 'Env');
    expect(summary?.awsTarget).toEqual({ mode: 'aws', profile: 'faaslab-test', region: 'eu-west-2' });
    const { record, vars } = await env('Env');
    expect(record.coldStart).toBe(true); // a new target is a new deployment
    expect(vars.AWS_ACCESS_KEY_ID).toBe('AKIATESTPROFILE00001');
    expect(vars.AWS_SECRET_ACCESS_KEY).toBe('test-profile-secret');
    expect(vars.AWS_SESSION_TOKEN).toBeUndefined();
    expect(vars.AWS_REGION).toBe('eu-west-2');
    expect(Object.keys(vars).filter((k) => k.startsWith('AWS_ENDPOINT_URL'))).toEqual([]);
    expect(record.awsTarget).toEqual({ mode: 'aws', profile: 'faaslab-test', region: 'eu-west-2' });
    expect((await f.call('history.get', { requestId: record.requestId })).awsTarget).toEqual(record.awsTarget);
    // The other function keeps the local services.
    const other = await env('Other');
    expect(other.vars.AWS_ENDPOINT_URL).toBe(f.host.awsEndpoint);
    expect(other.record.awsTarget).toBeUndefined();
  });

  it('fails the init with a clear error when the profile cannot be found, and comes back to local', async () => {
    await f.call('settings.update', { settings: { awsTargets: { default: { mode: 'aws', profile: 'no-such-profile', region: 'us-east-1' } } } });
    const { record } = await env('Other');
    expect(record.status).toBe('error');
    expect(record.error?.errorType).toBe('faaslab.AwsCredentialsUnavailable');
    expect(record.error?.errorMessage).toContain("AWS profile 'no-such-profile'");
    await f.call('settings.update', { settings: { awsTargets: null } });
    const back = await env('Env');
    expect(back.record.coldStart).toBe(true);
    expect(back.vars.AWS_ENDPOINT_URL).toBe(f.host.awsEndpoint);
    expect(back.vars.AWS_ACCESS_KEY_ID).toMatch(/^ASIAFAASLAB/);
  });

  it('refuses a target without a usable profile or region', async () => {
    const err = await f.failure('settings.update', { settings: { awsTargets: { default: { mode: 'aws', profile: 'has space', region: 'moon' } } } });
    expect(err.code).toBe('ValidationError');
  });
});
