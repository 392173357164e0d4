import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_TEMPLATES } from '../../../shared/events/templates.js';
import { runCli } from '../../helpers/cli.js';

describe('faaslab events list', () => {
  it('prints a table of service, type and description', async () => {
    const r = await runCli(['events', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^SERVICE\s+TYPE\s+DESCRIPTION$/);
    for (const t of EVENT_TEMPLATES) expect(r.stdout).toMatch(new RegExp(`^${t.service}\\s+${t.type}\\s+${t.title.replace(/[()$]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toContain('cloudwatch scheduled-event (events schedule)');
  });

  it('prints the templates with their fields as JSON with --json, optionally for one service', async () => {
    const all = await runCli(['events', 'list', '--json']);
    expect(all.code).toBe(0);
    const list = JSON.parse(all.stdout) as Array<{ id: string; service: string; type: string; fields: Array<{ name: string; default: string }> }>;
    expect(list.map((t) => t.id)).toEqual(EVENT_TEMPLATES.map((t) => t.id));
    expect(list.find((t) => t.id === 's3-put')).toMatchObject({ service: 's3', type: 'put', fields: [{ name: 'bucket' }, { name: 'key' }, { name: 'size' }, { name: 'region' }] });

    const s3 = JSON.parse((await runCli(['events', 'list', 's3', '--json'])).stdout) as Array<{ type: string }>;
    expect(s3.map((t) => t.type)).toEqual(['put', 'delete', 'batch-invocation']);
    const bad = await runCli(['events', 'list', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown service 'nope'; the services are: alb, apigateway,");
  });
});

describe('faaslab events generate', () => {
  it('prints the event as pretty JSON, with fields given as --name value or --name=value', async () => {
    const r = await runCli(['events', 'generate', 's3', 'put', '--bucket', 'photos', '--key=holiday 2024/me & you.jpg', '--size', '2048']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\{\n {2}"Records": \[\n/);
    const record = JSON.parse(r.stdout).Records[0];
    expect(record.s3.bucket.name).toBe('photos');
    expect(record.s3.object).toMatchObject({ key: 'holiday+2024/me+%26+you.jpg', size: 2048 });
  });

  it('computes md5OfBody for --body, and keeps values that start with a dash', async () => {
    const r = await runCli(['events', 'generate', 'sqs', 'receive-message', '--body', '-42', '--queue-name', 'jobs']);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout).Records[0];
    expect(record).toMatchObject({ body: '-42', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jobs' });
    expect(record.md5OfBody).toBe(createHash('md5').update('-42').digest('hex'));
  });

  it("takes sam's names and the old ids", async () => {
    const sam = await runCli(['events', 'generate', 'cloudwatch', 'scheduled-event', '--rule', 'nightly']);
    expect(sam.code).toBe(0);
    expect(JSON.parse(sam.stdout)).toMatchObject({ 'detail-type': 'Scheduled Event', resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly'] });
    const old = await runCli(['events', 'generate', 'apigateway-v1', '--method', 'DELETE']);
    expect(JSON.parse(old.stdout)).toMatchObject({ httpMethod: 'DELETE', resource: '/items/{id}' });
    const logs = await runCli(['events', 'generate', 'cloudwatch', 'logs', '--log-group', '/aws/lambda/x']);
    expect(JSON.parse(gunzipSync(Buffer.from(JSON.parse(logs.stdout).awslogs.data, 'base64')).toString()).logGroup).toBe('/aws/lambda/x');
  });

  it('generates every template', async () => {
    const runs = await Promise.all(EVENT_TEMPLATES.map((t) => runCli(['events', 'generate', t.service, t.type])));
    runs.forEach((r, i) => {
      expect(r.code, `${EVENT_TEMPLATES[i]!.id}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toBeTypeOf('object');
    });
  });

  it('exits 2 naming the valid services, types and fields for a mistake', async () => {
    const service = await runCli(['events', 'generate', 'foo', 'bar']);
    expect(service.code).toBe(2);
    expect(service.stdout).toBe('');
    expect(service.stderr).toContain("faaslab events: unknown service 'foo'; the services are: alb, apigateway, cloudformation,");
    expect(service.stderr).toContain("See 'faaslab events --help'.");

    const type = await runCli(['events', 'generate', 's3', 'get']);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain("s3 has no event type 'get'; its types are: put, delete, batch-invocation");

    const field = await runCli(['events', 'generate', 's3', 'put', '--bucket', 'b', '--colour', 'red']);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('s3 put has no field --colour; its fields are: --bucket, --key, --size, --region');

    const value = await runCli(['events', 'generate', 's3', 'put', '--size', 'big']);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain("--size must be a whole number, not 'big'");

    const missing = await runCli(['events', 'generate', 's3', 'put', '--key']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--key needs a value');

    const none = await runCli(['events', 'generate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the event: faaslab events generate <service> <type>');
    expect(none.stderr).toMatch(/^ {2}s3\s+put, delete, batch-invocation$/m);

    // A service alone is a mistake, unless it is also an old id (sqs, sns, alb, kinesis).
    const typeless = await runCli(['events', 'generate', 'cognito']);
    expect(typeless.code).toBe(2);
    expect(typeless.stderr).toContain('name the type of cognito event: faaslab events generate cognito <type>; its types are: pre-signup, post-confirmation');
    expect((await runCli(['events', 'generate', 'sqs'])).code).toBe(0);

    const sub = await runCli(['events', 'frob']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("unknown events command 'frob'; the commands are: list, generate");
  });
});

describe('faaslab events help', () => {
  it('has --help for events, generate and each event, and a line in faaslab --help', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {2}events {2,}List sample trigger events/m);

    const events = await runCli(['events', '--help']);
    expect(events.code).toBe(0);
    expect(events.stdout).toContain('Usage: faaslab events list [<service>] [--json]');
    expect(events.stdout).toContain('faaslab events generate <service> <type> [--<field> VALUE ...]');

    const bare = await runCli(['events']);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Usage: faaslab events list');

    const generate = await runCli(['events', 'generate', '--help']);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('Usage: faaslab events generate <service> <type>');
    expect(generate.stdout).toMatch(/^ {2}cloudwatch\s+logs, scheduled-event$/m);

    const s3 = await runCli(['events', 'generate', 's3', 'put', '--help']);
    expect(s3.code).toBe(0);
    expect(s3.stdout).toContain('Usage: faaslab events generate s3 put [--<field> VALUE ...]');
    expect(s3.stdout).toMatch(/^ {2}--bucket\s+The bucket name$/m);
    expect(s3.stdout).toMatch(/^\s+default: faaslab-uploads$/m);
    const proxy = await runCli(['events', 'generate', 'apigateway', 'aws-proxy', '-h']);
    expect(proxy.stdout).toContain('Also named: apigateway-v1');
    expect(proxy.stdout).toMatch(/^ {2}--resource\s+The resource it matched/m);
  });
});
