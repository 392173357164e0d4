/**
 * faaslab's Ruby runtime with a real interpreter: handlers as top-level methods and class methods,
 * the context object, puts, print and Logger, Lambda's Ruby error shapes (Function<...> and
 * Init<...>), critical exceptions ending the environment, timeouts, warm reuse, vendored gems and
 * layers. Beside each, where the behaviour is shared, what the Node.js runtime does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, sleep, writeFiles } from '../../helpers/functions.js';

const RUNTIME = 'ruby3.3';

const APP = `require 'json'
require 'logger'
require 'stringio'

LOGGER = Logger.new($stdout)
$count = 0
puts "init ran"

def handler(event:, context:)
  $count += 1
  puts "event #{JSON.generate(event)}"
  puts "one call\\ntwo lines"
  print "printed\\nin two\\n"
  $stderr.puts "to stderr"
  LOGGER.info("count is #{$count}")
  { count: $count, cwd: Dir.pwd, tmp: ENV['TMPDIR'], home: ENV['HOME'], encoding: Encoding.default_external.to_s }
end

def context_fields(event:, context:)
  {
    aws_request_id: context.aws_request_id,
    function_name: context.function_name,
    function_version: context.function_version,
    memory_limit_in_mb: context.memory_limit_in_mb,
    invoked_function_arn: context.invoked_function_arn,
    log_group_name: context.log_group_name,
    log_stream_name: context.log_stream_name,
    remaining: context.get_remaining_time_in_millis,
    identity: context.identity,
    client_context: context.client_context,
    trace: ENV['_X_AMZN_TRACE_ID'],
    execution_env: ENV['AWS_EXECUTION_ENV'],
  }
end

class OrderError < StandardError; end

def fails(event:, context:)
  raise OrderError, 'order 7 is invalid'
end

def typo(event:, context:)
  undefined_thing
end

def sleeps(event:, context:)
  sleep(event.fetch('s', 5))
  'woke'
end

def exits(event:, context:)
  exit 3
end

def exits_now(event:, context:)
  exit!(3)
end

def raw(event:, context:)
  StringIO.new('raw text')
end
`;

const NODE_APP = `exports.fails = async () => { const e = new Error('order 7 is invalid'); e.name = 'OrderError'; throw e; };
exports.sleeps = async (event) => { await new Promise((r) => setTimeout(r, event.s * 1000)); return 'woke'; };
exports.context = async (event, context) => ({ functionName: context.functionName, memoryLimitInMB: context.memoryLimitInMB, logStreamName: context.logStreamName });
`;

describe('Ruby runtime', { timeout: 30_000 }, () => {
  let dir: string;
  let layer: string;
  let engine: Engine;

  beforeAll(async () => {
    dir = writeFiles(makeTempDir(), {
      'app.rb': APP,
      'lib/shop/orders.rb': "require_relative 'format'\nmodule Shop\n  class Orders\n    def self.handle(event:, context:)\n      Format.label(event['id'])\n    end\n  end\nend\n",
      'lib/shop/format.rb': 'module Shop\n  module Format\n    def self.label(id) = "order #{id}"\n  end\nend\n',
      'uses_gem.rb': "require 'tiny_gem'\n\ndef handler(event:, context:)\n  [TinyGem.hello, require('layer_helper') && LayerHelper.name]\nend\n",
      // A gem vendored with Bundler for Lambda's Ruby 3.3 (bundle config set --local path vendor/bundle).
      'vendor/bundle/ruby/3.3.0/specifications/tiny_gem-1.0.0.gemspec':
        "Gem::Specification.new do |s|\n  s.name = 'tiny_gem'\n  s.version = '1.0.0'\n  s.summary = 'test'\n  s.authors = ['faaslab']\n  s.files = ['lib/tiny_gem.rb']\n  s.require_paths = ['lib']\nend\n",
      'vendor/bundle/ruby/3.3.0/gems/tiny_gem-1.0.0/lib/tiny_gem.rb': "module TinyGem\n  def self.hello = 'hello from a vendored gem'\nend\n",
      'broken.rb': 'def handler(event:, context:)\n  {\n',
      'init_raises.rb': "raise 'no config'\n",
      'needs_sdk.rb': "require 'aws-sdk-s3'\n",
      'levels.rb':
        "require 'logger'\nLOG = Logger.new($stdout, progname: 'orders')\n\ndef levels(event:, context:)\n  LOG.debug('debug line')\n  LOG.info('info line')\n  LOG.error('error line')\n  puts 'plain puts'\n  'ok'\nend\n",
      'app.js': NODE_APP,
    });
    layer = writeFiles(makeTempDir(), { 'ruby/lib/layer_helper.rb': "module LayerHelper\n  def self.name = 'from a layer'\nend\n" });
    const rb = (id: string, handler: string, more = {}) => functionConfig(id, dir, handler, { runtime: RUNTIME, ...more });
    engine = new Engine({
      functions: [
        rb('Counter', 'app.handler'),
        rb('Context', 'app.context_fields', { memorySizeMb: 256, timeoutSeconds: 7 }),
        rb('ClassMethod', 'lib/shop/orders.Shop::Orders.handle'),
        rb('Fails', 'app.fails'),
        rb('Typo', 'app.typo'),
        rb('Missing', 'app.nope'),
        rb('MissingClass', 'app.Nope.handle'),
        rb('NoFile', 'nowhere.handler'),
        rb('Broken', 'broken.handler'),
        rb('InitRaises', 'init_raises.handler'),
        rb('Malformed', 'nodots'),
        rb('NeedsSdk', 'needs_sdk.handler'),
        rb('Sleeps', 'app.sleeps', { timeoutSeconds: 1 }),
        rb('Exits', 'app.exits'),
        rb('ExitsNow', 'app.exits_now'),
        rb('Raw', 'app.raw'),
        rb('UsesGem', 'uses_gem.handler', { layers: [layer] }),
        rb('Levels', 'levels.levels'),
        rb('LevelsJson', 'levels.levels', { logFormat: 'JSON' }),
        rb('LevelsJsonDebug', 'levels.levels', { logFormat: 'JSON', applicationLogLevel: 'DEBUG' }),
        functionConfig('NodeFails', dir, 'app.fails'),
        functionConfig('NodeSleeps', dir, 'app.sleeps', { timeoutSeconds: 1 }),
        functionConfig('NodeContext', dir, 'app.context', { memorySizeMb: 256 }),
      ],
    });
    await engine.sparesReady();
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
    removeTempDir(layer);
  });

  it('runs a handler, keeps state while warm, and logs each puts call, each printed line and each Logger message', async () => {
    const first = await engine.invoke('Counter', { payload: '{"n":1}' });
    expect(first.record.status).toBe('success');
    expect(first.record.coldStart).toBe(true);
    const body = payloadJson(first.payload) as { count: number; cwd: string; tmp: string; home: string | null; encoding: string };
    expect(body).toMatchObject({ count: 1, cwd: dir, home: null, encoding: 'UTF-8' });
    expect(body.tmp).toBeTruthy();
    const logs = first.record.logs;
    expect(logs[0]).toMatch(/^INIT_START Runtime Version: ruby:3\.3\.local-ruby-\d+\.\d+\.\d+\t/);
    expect(logs).toContain('init ran');
    expect(logs).toContain('event {"n":1}');
    // Kernel#puts is one record per call, as Lambda's Ruby runtime writes it; print is by line.
    expect(logs).toContain('one call\ntwo lines');
    expect(logs).toEqual(expect.arrayContaining(['printed', 'in two', 'to stderr']));
    const logger = new RegExp(`^I, \\[\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6} #\\d+\\]  INFO ${first.record.requestId} -- : count is 1$`);
    expect(logs.some((l) => logger.test(l))).toBe(true);
    expect(logs.at(-1)).toMatch(/^REPORT RequestId: .*Init Duration: [\d.]+ ms/);

    const second = await engine.invoke('Counter', { payload: '{"n":2}' });
    expect(second.record.coldStart).toBe(false);
    expect(second.record.logStream).toBe(first.record.logStream);
    expect((payloadJson(second.payload) as { count: number }).count).toBe(2);
    expect(second.record.logs).not.toContain('init ran');
  });

  it("gives Lambda's Ruby context object, with the values the Node.js runtime's context has", async () => {
    const { record, payload } = await engine.invoke('Context', {
      payload: '{}',
      cognitoIdentity: JSON.stringify({ cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' }),
      clientContext: JSON.stringify({ custom: { tenant: 't1' }, env: { platform: 'test' } }),
    });
    expect(record.status).toBe('success');
    const c = payloadJson(payload) as Record<string, unknown>;
    expect(c).toMatchObject({
      aws_request_id: record.requestId,
      function_name: 'Context',
      function_version: '$LATEST',
      memory_limit_in_mb: '256',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:Context',
      log_group_name: '/aws/lambda/Context',
      log_stream_name: record.logStream,
      identity: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' },
      client_context: { custom: { tenant: 't1' }, env: { platform: 'test' } },
      execution_env: 'AWS_Lambda_ruby3.3',
    });
    expect(c.remaining).toBeGreaterThan(5000);
    expect(c.remaining).toBeLessThanOrEqual(7000);
    expect(c.trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
    const node = await engine.invoke('NodeContext');
    expect(payloadJson(node.payload)).toMatchObject({ functionName: 'NodeContext', memoryLimitInMB: '256', logStreamName: node.record.logStream });
  });

  it('calls a class method by file.Module::Class.method, the file found from the task root', async () => {
    const { record, payload } = await engine.invoke('ClassMethod', { payload: '{"id":7}' });
    expect(record.status).toBe('success');
    expect(payloadJson(payload)).toBe('order 7');
  });

  it('answers an IO as its raw content', async () => {
    const { record, payload } = await engine.invoke('Raw');
    expect(record.status).toBe('success');
    expect(payload.toString()).toBe('raw text');
  });

  it('shapes a handler exception as Function<Class>, beside Node.js; the environment lives on', async () => {
    const rb = await engine.invoke('Fails');
    const node = await engine.invoke('NodeFails');
    for (const r of [rb, node]) {
      expect(r.record.status).toBe('error');
      expect(r.functionError).toBe('Unhandled');
      expect(r.record.error!.errorMessage).toBe('order 7 is invalid');
    }
    expect(node.record.error!.errorType).toBe('OrderError');
    const body = payloadJson(rb.payload) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['errorMessage', 'errorType', 'stackTrace']);
    expect(body.errorType).toBe('Function<OrderError>');
    // Ruby 3.4 writes the method with its owner: in 'Object#fails'.
    expect(body.stackTrace).toEqual([expect.stringMatching(new RegExp(`^${escape(path.join(dir, 'app.rb'))}:\\d+:in .(Object#)?fails'$`))]);
    const logs = rb.record.logs;
    const at = logs.indexOf('Error raised from handler method');
    expect(at).toBeGreaterThan(0);
    expect(JSON.parse(logs[at + 1]!)).toEqual(body);
    expect(logs[at + 1]).toContain('\n  "errorMessage": "order 7 is invalid",\n');
    expect((await engine.invoke('Fails')).record.coldStart).toBe(false);
  });

  it("ends the environment after a NameError, a NoMethodError (a missing handler method) or a missing class, as Lambda's runtime exits", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['Typo', 'Function<NameError>', /undefined local variable or method .undefined_thing'/],
      ['Missing', 'Function<NoMethodError>', /undefined method .nope' for main/],
      ['MissingClass', 'Function<NameError>', /uninitialized constant Nope/],
    ];
    for (const [id, type, message] of cases) {
      const { record, payload, functionError } = await engine.invoke(id);
      expect(record.status, id).toBe('crashed');
      expect(functionError, id).toBe('Unhandled');
      expect(record.error!.errorType, id).toBe(type);
      expect(record.error!.errorMessage, id).toMatch(message);
      expect((payloadJson(payload) as { errorType: string }).errorType, id).toBe(type);
      expect(record.logs, id).toContain('Critical exception from handler');
      // Init succeeded (the method is looked up when called); the next invocation is cold again.
      expect((await engine.invoke(id)).record.coldStart, id).toBe(true);
    }
  });

  it('reports each init failure as Init<Class> with its message', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['NoFile', 'Init<LoadError>', /^cannot load such file -- nowhere$/],
      ['Broken', 'Init<SyntaxError>', /broken\.rb/],
      ['InitRaises', 'Init<RuntimeError>', /^no config$/],
      ['Malformed', 'Init<ArgumentError>', /^Invalid handler nodots: it must be FILENAME\.METHOD or FILENAME\.CLASS\.METHOD/],
      ['NeedsSdk', 'Init<LoadError>', /^cannot load such file -- aws-sdk-s3 \(faaslab: Lambda's Ruby runtimes include the AWS SDK for Ruby/],
    ];
    for (const [id, type, message] of cases) {
      const { record, payload } = await engine.invoke(id);
      expect(record.status, id).toBe('error');
      expect(record.error!.errorType, id).toBe(type);
      expect(record.error!.errorMessage, id).toMatch(message);
      expect((payloadJson(payload) as { errorType: string }).errorType, id).toBe(type);
      expect(
        record.logs.some((l) => l.startsWith('Init error when loading handler ')),
        id,
      ).toBe(true);
      expect(
        record.logs.some((l) => l.startsWith('{\n  "errorMessage": ')),
        id,
      ).toBe(true);
      // An init failure ends the environment: the next try is cold again.
      expect((await engine.invoke(id)).record.coldStart, id).toBe(true);
    }
  });

  it('times out with Sandbox.Timedout beside Node.js, and starts a new environment afterwards', async () => {
    for (const id of ['Sleeps', 'NodeSleeps']) {
      const { record } = await engine.invoke(id, { payload: '{"s": 5}' });
      expect(record.status, id).toBe('timeout');
      expect(record.error!.errorType, id).toBe('Sandbox.Timedout');
      expect(
        record.logs.some((l) => /Task timed out after 1\.\d\d seconds/.test(l)),
        id,
      ).toBe(true);
      const next = await engine.invoke(id, { payload: '{"s": 0}' });
      expect(next.record.status, id).toBe('success');
      expect(next.record.coldStart, id).toBe(true);
    }
  });

  it('exit in a handler is a critical Function<SystemExit>; exit! ends the process: Runtime.ExitError', async () => {
    const exit = await engine.invoke('Exits');
    expect(exit.record.status).toBe('crashed');
    expect(exit.record.error).toMatchObject({ errorType: 'Function<SystemExit>', errorMessage: 'exit' });
    const now = await engine.invoke('ExitsNow');
    expect(now.record.status).toBe('crashed');
    expect(now.record.error!.errorType).toBe('Runtime.ExitError');
    expect(now.record.error!.errorMessage).toContain('exit status 3');
  });

  it("loads gems vendored with Bundler (vendor/bundle/ruby/3.3.0) and a layer's ruby/lib", async () => {
    const { record, payload } = await engine.invoke('UsesGem');
    expect(record.status).toBe('success');
    expect(payloadJson(payload)).toEqual(['hello from a vendored gem', 'from a layer']);
  });

  it('Logger on $stdout: text records, or JSON records filtered by the application log level; puts stays text', async () => {
    const text = await engine.invoke('Levels');
    expect(text.record.logs.filter((l) => / -- orders: /.test(l)).map((l) => l.split(' -- orders: ')[1])).toEqual(['debug line', 'info line', 'error line']);
    const json = await engine.invoke('LevelsJson');
    const records = json.record.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.level)).toEqual(['INFO', 'ERROR']);
    expect(records[0]).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      level: 'INFO',
      message: 'info line',
      requestId: json.record.requestId,
      logger: 'orders',
    });
    expect(json.record.logs).toContain('plain puts');
    const debug = await engine.invoke('LevelsJsonDebug');
    expect(debug.record.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['DEBUG', 'INFO', 'ERROR']);
  });
});

describe('Ruby runtime: freezing between invocations', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'ticker.rb': `$ticker = nil
$ticks = 0

def handler(event:, context:)
  at_start = $ticks
  $ticker ||= Thread.new do
    loop do
      $ticks += 1
      sleep 0.02
    end
  end
  sleep 0.2
  { 'start' => at_start, 'end' => $ticks }
end
`,
    });
    engine = new Engine({ functions: [functionConfig('Ticker', dir, 'ticker.handler', { runtime: RUNTIME })] });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('a background thread does not run while the environment waits (it is stopped), and runs again when invoked', async () => {
    // The function counts its thread's ticks itself: its /tmp is its own, out of the test's sight.
    const first = payloadJson((await engine.invoke('Ticker')).payload) as { start: number; end: number };
    expect(first.end).toBeGreaterThan(2);
    await sleep(500);
    const second = payloadJson((await engine.invoke('Ticker')).payload) as { start: number; end: number };
    // Running, the thread would have ticked about 25 times in the 500 ms between; stopped, at most
    // the tick under way when the answer went out and one as the next event arrived.
    expect(second.start - first.end).toBeLessThanOrEqual(2);
    expect(second.end).toBeGreaterThan(second.start + 2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
