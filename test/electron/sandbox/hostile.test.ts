/**
 * The hostile-handler suite: what a function must not be able to do to the machine it runs on.
 * With bubblewrap every attempt is contained and reported with Lambda's status; with bwrap
 * missing the same suite shows that the functions ran unsandboxed and that the record says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { LOG_BUDGET_NOTICE } from '../../../electron/engine/log-budget.js';
import { LIMITS } from '../../../shared/lambda/limits.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, sleep, writeFiles } from '../../helpers/functions.js';
import { BOOTSTRAP_HOSTILE, NODE_HOSTILE, PYTHON_HOSTILE } from './hostile-handlers.js';

interface Setup {
  workspace: string;
  outside: string;
  home: string;
  secret: string;
  victim: ChildProcess;
}

function setUp(): Setup {
  const workspace = makeTempDir();
  const outside = makeTempDir();
  const home = path.join(outside, 'home');
  writeFiles(workspace, {
    'template.yaml': 'Resources: {}\n',
    'functions/node/index.js': NODE_HOSTILE,
    'functions/python/app.py': PYTHON_HOSTILE,
    'functions/custom/bootstrap': BOOTSTRAP_HOSTILE,
  });
  chmodSync(path.join(workspace, 'functions/custom/bootstrap'), 0o755);
  writeFiles(home, { '.aws/credentials': '[default]\naws_secret_access_key = hostile-test-key\n', '.ssh/id_ed25519': 'PRIVATE KEY\n' });
  writeFileSync(path.join(outside, 'secret.txt'), 'outside the code folder');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(workspace, 'functions/node/escape'));
  // A process of the user's with a secret in its environment, as the host's own could hold one.
  const secret = `hostile-${randomBytes(8).toString('hex')}`;
  const victim = spawn('sleep', ['600'], { env: { PATH: process.env.PATH ?? '', FAASLAB_HOSTILE_SECRET: secret }, stdio: 'ignore' });
  return { workspace, outside, home, secret, victim };
}

function engineFor(s: Setup, sandbox: { sandboxSearchPath?: string }): Engine {
  const code = (name: string) => path.join(s.workspace, 'functions', name);
  return new Engine({
    functions: [
      functionConfig('Node', code('node'), 'index.handler', { timeoutSeconds: 3 }),
      functionConfig('NodeFlood', code('node'), 'index.handler', { timeoutSeconds: 120 }),
      functionConfig('Python', code('python'), 'app.handler', { runtime: 'python3.12', timeoutSeconds: 120 }),
      functionConfig('Custom', code('custom'), 'unused', { runtime: 'provided.al2023', timeoutSeconds: 10 }),
    ],
    ...sandbox,
  });
}

async function probe(engine: Engine, fn: string, event: Record<string, unknown>) {
  const { record, payload } = await engine.invoke(fn, { payload: JSON.stringify(event) });
  return { record, result: record.status === 'success' ? (payloadJson(payload) as Record<string, unknown> & { ok?: boolean; code?: string }) : undefined };
}

const logBytes = (logs: string[]) => logs.reduce((n, l) => n + l.length + 1, 0);

/** Host processes running the fork bomb's shell line: none may outlive its environment. */
function bombProcesses(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('b() { b | b & }; b')) n++;
    } catch {
      // gone
    }
  }
  return n;
}

describe('hostile handlers, sandboxed (bubblewrap)', { timeout: 180_000 }, () => {
  let s: Setup;
  let engine: Engine;
  beforeAll(() => {
    s = setUp();
    engine = engineFor(s, {});
  });
  afterAll(async () => {
    await engine?.close();
    s?.victim.kill('SIGKILL');
    removeTempDir(s?.workspace);
    removeTempDir(s?.outside);
  });

  it("runs in bubblewrap, as Lambda's user, without privileges, with limits and a /tmp of its own; the record says sandboxed", async () => {
    // .ci/run installs bubblewrap: this suite fails rather than pass without the sandbox.
    expect(engine.sandbox).toMatchObject({ kind: 'bubblewrap' });
    const { record, result } = await probe(engine, 'Node', { probe: 'whoami' });
    expect(record.sandbox).toBe('bubblewrap');
    // No new privileges, no capabilities; open files, core dumps and file size limited.
    expect(result).toMatchObject({ uid: 993, tmp: '/tmp', noNewPrivs: '1', capabilities: '0000000000000000', openFiles: '1024', coreSize: '0', fileSize: String(512 * 1024 * 1024) });
    expect(record.logs.join('\n')).not.toContain('NOT sandboxed');
  });

  it("cannot read other processes' environment: no host process is visible (Node.js, Python, custom runtime)", async () => {
    for (const fn of ['Node', 'Python']) {
      const { result } = await probe(engine, fn, { probe: 'environ', secret: s.secret });
      expect(result, fn).toMatchObject({ found: 0 });
      // bwrap's init and the runtime: nothing of the host's.
      expect(result!.pids as number, fn).toBeLessThanOrEqual(3);
    }
    const custom = await probe(engine, 'Custom', { secret: s.secret, home: s.home });
    expect(custom.record.status).toBe('success');
    expect(custom.result).toEqual({ found: 0, home: 0 });
  });

  it('cannot read the workspace, the home folder, ~/.aws/credentials, ~/.ssh, or follow a symlink out of its code', async () => {
    const template = path.join(s.workspace, 'template.yaml');
    for (const p of [template, path.join(s.home, '.aws/credentials'), path.join(s.home, '.ssh/id_ed25519'), path.join(s.workspace, 'functions/node/escape')]) {
      expect((await probe(engine, 'Node', { probe: 'readFile', path: p })).result, p).toMatchObject({ ok: false, code: 'ENOENT' });
    }
    expect((await probe(engine, 'Python', { probe: 'readFile', path: path.join(s.home, '.aws/credentials') })).result).toMatchObject({ ok: false });
    expect((await probe(engine, 'Node', { probe: 'listDir', path: s.home })).result).toMatchObject({ ok: false });
    // Your real home folder: absent, or (faaslab installed under it) only the path to faaslab.
    const home = (await probe(engine, 'Node', { probe: 'listDir', path: os.homedir() })).result!;
    expect(home.ok ? (home.value as string[]).filter((n) => ['.ssh', '.aws', '.bashrc', '.config'].includes(n)) : []).toEqual([]);
    // Its own code it reads.
    expect((await probe(engine, 'Node', { probe: 'readFile', path: path.join(s.workspace, 'functions/node/index.js') })).result).toMatchObject({ ok: true });
  });

  it('cannot write outside its /tmp: not the template, not its code, not the home folder', async () => {
    const template = path.join(s.workspace, 'template.yaml');
    const code = path.join(s.workspace, 'functions/node/index.js');
    const created = [path.join(s.workspace, 'functions/node/new.js'), path.join(s.home, '.bashrc'), path.join(s.home, '.ssh/authorized_keys')];
    for (const p of [template, code, ...created]) await probe(engine, 'Node', { probe: 'writeFile', path: p, text: 'pwned' });
    await probe(engine, 'Python', { probe: 'writeFile', path: template, text: 'pwned' });
    // The test's folders are under /tmp, so a write may land in the sandbox's own /tmp: what counts
    // is that nothing changed on the host.
    expect(readFileSync(template, 'utf8')).toBe('Resources: {}\n');
    expect(readFileSync(code, 'utf8')).toBe(NODE_HOSTILE);
    for (const p of created) expect(existsSync(p), p).toBe(false);
    // Its own code folder is read-only; the system's folders are not there to write to.
    expect((await probe(engine, 'Node', { probe: 'writeFile', path: code, text: 'pwned' })).result).toMatchObject({ ok: false, code: 'EROFS' });
    for (const p of ['/usr/hostile', '/var/tmp/hostile', '/etc/hostile']) expect((await probe(engine, 'Node', { probe: 'writeFile', path: p, text: 'x' })).result, p).toMatchObject({ ok: false });
    expect((await probe(engine, 'Node', { probe: 'writeFile', path: '/tmp/mine', text: 'ok' })).result).toMatchObject({ ok: true });
  });

  it(`stops at ${LIMITS.openFiles} open files (EMFILE), as Lambda does`, async () => {
    const node = (await probe(engine, 'Node', { probe: 'openFiles' })).result!;
    expect(node.error).toBe('EMFILE');
    expect(node.opened as number).toBeLessThan(LIMITS.openFiles);
    const python = (await probe(engine, 'Python', { probe: 'openFiles' })).result!;
    expect(python.error).toBe(24); // EMFILE
    expect(python.opened as number).toBeLessThan(LIMITS.openFiles);
  });

  it('a fork bomb stops at the process limit, times out, and nothing of it outlives the environment', async () => {
    const limit = engine.sandbox.kind === 'bubblewrap' ? engine.sandbox.processLimit : undefined;
    // Without a cgroup or RLIMIT_NPROC (root on a host with no pids cgroup) a fork bomb would
    // reach the machine's limit before the timeout: not run there, and said so.
    if (!limit || limit.kind === 'none') return console.warn(`fork bomb not run: ${limit?.describe ?? 'no sandbox'}`);
    const { record } = await probe(engine, 'Node', { probe: 'forkBomb' });
    expect(record.status).toBe('timeout');
    const seen = Number(/processes seen: (\d+)/.exec(record.logs.join('\n'))?.[1]);
    expect(seen).toBeGreaterThan(10);
    if (limit.kind === 'cgroup') expect(seen).toBeLessThanOrEqual(LIMITS.processes);
    for (let i = 0; i < 100 && bombProcesses() > 0; i++) await sleep(50);
    expect(bombProcesses()).toBe(0);
    expect((await probe(engine, 'Node', { probe: 'whoami' })).record).toMatchObject({ status: 'success', coldStart: true });
  });

  it('a memory bomb is stopped at Memory Size (Node.js and Python)', async () => {
    expect((await probe(engine, 'Node', { probe: 'memoryBomb' })).record.status).toBe('oom');
    expect((await probe(engine, 'Python', { probe: 'memoryBomb' })).record.status).toBe('oom');
  });

  it('a 1 GB stdout flood keeps 10 MB of log and says the rest was dropped (console, raw fd 1, Python)', async () => {
    for (const [fn, name] of [
      ['NodeFlood', 'stdoutFlood'],
      ['NodeFlood', 'rawStdoutFlood'],
      ['Python', 'stdoutFlood'],
    ] as const) {
      const { record, result } = await probe(engine, fn, { probe: name });
      expect(record.status, `${fn} ${name}`).toBe('success');
      expect(result).toBe('flooded');
      expect(record.logs, `${fn} ${name}`).toContain(LOG_BUDGET_NOTICE);
      expect(logBytes(record.logs)).toBeLessThan(LIMITS.logBytesPerInvocation + 64 * 1024);
    }
  });

  it('an infinite loop times out and the next invocation starts a fresh environment', async () => {
    expect((await probe(engine, 'Node', { probe: 'infiniteLoop' })).record.status).toBe('timeout');
    expect((await probe(engine, 'Node', { probe: 'whoami' })).record).toMatchObject({ status: 'success', coldStart: true });
  });

  it('process.exit and sys.exit end the environment with Runtime.ExitError', async () => {
    for (const fn of ['Node', 'Python']) {
      const { record } = await probe(engine, fn, { probe: 'exit' });
      expect(record.status, fn).toBe('crashed');
      expect(record.error?.errorType, fn).toBe('Runtime.ExitError');
    }
  });

  it('killing its parent, or every process it can signal, reaches only its own sandbox', async () => {
    const { record, result } = await probe(engine, 'Node', { probe: 'killParent' });
    expect(record.status).toBe('success');
    // Its parent is bwrap's init, pid 1 of its own namespace, which the kernel shields.
    expect(result!.ppid).toBe(1);
    expect(s.victim.exitCode).toBeNull();
    expect(s.victim.signalCode).toBeNull();
    expect((await probe(engine, 'Node', { probe: 'whoami' })).record.status).toBe('success');
  });
});

describe('hostile handlers, bwrap missing: not sandboxed, and said so', { timeout: 120_000 }, () => {
  let s: Setup;
  let engine: Engine;
  beforeAll(() => {
    s = setUp();
    mkdirSync(path.join(s.outside, 'empty-path'));
    engine = engineFor(s, { sandboxSearchPath: path.join(s.outside, 'empty-path') });
  });
  afterAll(async () => {
    await engine?.close();
    s?.victim.kill('SIGKILL');
    removeTempDir(s?.workspace);
    removeTempDir(s?.outside);
  });

  it('says why in the engine, in the logs of every cold start, and in every record', async () => {
    expect(engine.sandbox).toMatchObject({ kind: 'none', reason: expect.stringContaining('bubblewrap is not installed') });
    const { record } = await probe(engine, 'Node', { probe: 'whoami' });
    expect(record.sandbox).toBe('none');
    expect(record.logs.some((l) => l.startsWith('faaslab: this environment is NOT sandboxed: bubblewrap is not installed'))).toBe(true);
  });

  it('the badge is not for show: unsandboxed, a function reads a host process environment, the workspace and the home folder', async () => {
    expect(((await probe(engine, 'Node', { probe: 'environ', secret: s.secret })).result!.found as number) > 0).toBe(true);
    expect((await probe(engine, 'Node', { probe: 'readFile', path: path.join(s.workspace, 'template.yaml') })).result).toMatchObject({ ok: true });
    expect((await probe(engine, 'Python', { probe: 'readFile', path: path.join(s.home, '.aws/credentials') })).result).toMatchObject({ ok: true });
  });

  it('what the engine contains without a sandbox it still contains: memory, floods, loops, exits', async () => {
    expect((await probe(engine, 'Node', { probe: 'memoryBomb' })).record.status).toBe('oom');
    const flood = await probe(engine, 'NodeFlood', { probe: 'stdoutFlood' });
    expect(flood.record.logs).toContain(LOG_BUDGET_NOTICE);
    expect((await probe(engine, 'Node', { probe: 'infiniteLoop' })).record.status).toBe('timeout');
    expect((await probe(engine, 'Python', { probe: 'exit' })).record.error?.errorType).toBe('Runtime.ExitError');
  });
});
