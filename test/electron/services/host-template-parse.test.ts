import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASIC_FILES, startHost, type HostFixture } from './host-fixture.js';

// Counts the parses of template.yaml: functions, triggers and messaging share one per load.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../../electron/workspace/template/cfn-tags.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/workspace/template/cfn-tags.js')>();
  return {
    ...real,
    parseTemplateDocument: (...args: Parameters<typeof real.parseTemplateDocument>) => {
      parsed.push(args[1]);
      return real.parseTemplateDocument(...args);
    },
  };
});

const TEMPLATE = `${BASIC_FILES['template.yaml']}
  Jobs:
    Type: AWS::SQS::Queue
`.replace(
  '          TABLE: !Ref Table\n',
  '          TABLE: !Ref Table\n      Events:\n        Get:\n          Type: HttpApi\n          Properties:\n            Path: /env\n            Method: GET\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n',
);

describe('loading template.yaml', () => {
  let h: HostFixture;
  const templateParses = () => parsed.filter((file) => file.endsWith('template.yaml')).length;
  beforeAll(async () => {
    h = await startHost({ ...BASIC_FILES, 'template.yaml': TEMPLATE });
  });
  afterAll(() => h?.close());

  it('parses it once per load: functions, routes, storage and queues all come from that parse', async () => {
    expect(templateParses()).toBe(1);
    const triggers = await h.call('triggers.list');
    expect(triggers.endpoints.some((e) => e.path === '/env')).toBe(true);
    expect((await h.call('queues.list')).map((q) => q.logicalId)).toEqual(['Jobs']);

    const mark = h.pushes.length;
    h.write({ 'template.yaml': TEMPLATE.replace('      MemorySize: 256\n', '      MemorySize: 512\n').replace('Path: /env', 'Path: /env2') });
    await h.waitForPush('workspace', (w) => w.functions.some((f) => f.logicalId === 'EnvFunction' && f.memorySizeMb === 512), 'the reload', mark);
    expect(templateParses()).toBe(2);
    expect((await h.call('triggers.list')).endpoints.some((e) => e.path === '/env2')).toBe(true);
  });
});
