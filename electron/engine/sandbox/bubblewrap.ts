/**
 * The bwrap command line for one execution environment (ARCHITECTURE.md, "The sandbox"): what the
 * function sees is the system's programs and libraries, a few files of /etc, its runtime, its
 * own code, layers and dependencies (all read-only, at their host paths), a /proc that shows only
 * its own processes, and a /tmp of its own sized by EphemeralStorage. Not the user's home, not the
 * workspace, not the host's processes.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from '../../../shared/lambda/limits.js';
import { cpuEntryScript } from './cpu-quota.js';
import { pidsEntryScript } from './process-limit.js';
import type { SandboxSupport } from './sandbox-support.js';

/** Lambda's sbx_user1051: functions there run as uid 993, gid 990. */
export const SANDBOX_UID = 993;
export const SANDBOX_GID = 990;

/** What one function's environment may see, besides the system. */
export interface SandboxView {
  /** Host folders and files visible read-only, each at its own path. */
  readOnly: string[];
  /** /tmp's size (EphemeralStorage). */
  tmpBytes: number;
  /** The folder shown at /opt: the function's layers (see opt-folder.ts). */
  opt?: string;
  /** The share of one CPU it may use (Lambda's CPU for its memory), when CPU is scaled. */
  cpuShare?: number;
}

/** The parts of the root folder that hold programs and libraries: merged /usr or not. */
const SYSTEM_ROOTS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** What programs read from /etc: the loader's cache, TLS roots, name resolution, time zone, users. */
const ETC_FILES = [
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/pki',
  '/etc/resolv.conf',
  '/etc/hosts',
  '/etc/host.conf',
  '/etc/nsswitch.conf',
  '/etc/gai.conf',
  '/etc/localtime',
  '/etc/mime.types',
  '/etc/protocols',
  '/etc/services',
  '/etc/alternatives',
  '/etc/python3',
];

/** Installed Ruby gems live outside /usr on Debian. */
const OTHER_SYSTEM = ['/var/lib/gems'];

let systemArgs: string[] | undefined;

function systemMounts(): string[] {
  if (systemArgs) return systemArgs;
  const args: string[] = [];
  for (const dir of SYSTEM_ROOTS) {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  for (const file of [...ETC_FILES, ...OTHER_SYSTEM]) {
    if (!existsSync(file)) continue;
    // A link into /usr stays a link: ICU names the time zone by where /etc/localtime points, and
    // without the name scans every zoneinfo file (20 ms a start). Other links are bound as files.
    if (lstatSync(file).isSymbolicLink() && realpathSync(file).startsWith('/usr/')) args.push('--symlink', readlinkSync(file), file);
    else args.push('--ro-bind', file, file);
  }
  // Lambda's /etc/passwd knows the function's user, so programs that look themselves up work;
  // the host's would tell the function who uses this machine.
  const identity = identityFiles();
  args.push('--ro-bind', identity.passwd, '/etc/passwd', '--ro-bind', identity.group, '/etc/group');
  systemArgs = args;
  return args;
}

function identityFiles(): { passwd: string; group: string } {
  const dir = path.join(os.tmpdir(), `faaslab-sandbox-etc-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  const passwd = path.join(dir, 'passwd');
  const group = path.join(dir, 'group');
  writeFileSync(passwd, `root:x:0:0:root:/root:/sbin/nologin\nsbx_user1051:x:${SANDBOX_UID}:${SANDBOX_GID}::/home/sbx_user1051:/sbin/nologin\n`);
  writeFileSync(group, `root:x:0:\nsbx_user1051:x:${SANDBOX_GID}:\n`);
  return { passwd, group };
}

/** Everything bwrap is told, before the command it runs. */
export function bwrapArgs(view: SandboxView, cwd = '/tmp'): string[] {
  const args = [
    '--unshare-user',
    '--uid',
    String(SANDBOX_UID),
    '--gid',
    String(SANDBOX_GID),
    // No user namespaces inside: a function cannot give itself capabilities to mount with.
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    'faaslab-sandbox',
    '--unshare-cgroup-try',
    '--die-with-parent',
    '--cap-drop',
    'ALL',
    ...systemMounts(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    // /tmp first: code that lives under the host's /tmp is bound into it afterwards.
    '--size',
    String(view.tmpBytes),
    '--perms',
    '1777',
    '--tmpfs',
    '/tmp',
  ];
  for (const dir of outermost(view.readOnly)) args.push('--ro-bind-try', dir, dir);
  if (view.opt) args.push('--ro-bind', view.opt, '/opt');
  // The sandbox's root is bwrap's own tmpfs: read-only once built, so /tmp is the one place to write.
  args.push('--remount-ro', '/', '--chdir', cwd);
  return args;
}

/** The folders to bind: nested ones are in their parent already, and /usr is bound whole. */
export function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths.filter(Boolean).map((p) => path.resolve(p)))].sort();
  const kept: string[] = [];
  for (const p of sorted) {
    if (SYSTEM_ROOTS.some((root) => inside(p, root))) continue;
    if (kept.some((k) => inside(p, k))) continue;
    kept.push(p);
  }
  return kept;
}

function inside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/**
 * The command that starts a program inside the sandbox: into its own cgroup (where there is
 * one), under prlimit's resource limits, then bwrap. Each step execs the next, so the pid the host
 * spawned is bwrap's: its process group holds the whole sandbox.
 */
export function sandboxCommand(support: Extract<SandboxSupport, { kind: 'bubblewrap' }>, view: SandboxView, command: string, args: string[], cwd?: string): { command: string; args: string[] } {
  const chain: string[] = [];
  if (support.prlimit) {
    const limits = [`--nofile=${LIMITS.openFiles}:${LIMITS.openFiles}`, '--core=0:0', `--fsize=${view.tmpBytes}:${view.tmpBytes}`];
    if (support.processLimit.kind === 'rlimit') limits.push(`--nproc=${support.processLimit.nproc}:${support.processLimit.nproc}`);
    chain.push(support.prlimit, ...limits, '--');
  }
  chain.push(support.bwrap, ...bwrapArgs(view, cwd), command, ...args);
  const entries: string[] = [];
  if (support.processLimit.kind === 'cgroup') entries.push(pidsEntryScript(support.processLimit));
  if (view.cpuShare !== undefined && support.cpu) entries.push(cpuEntryScript(support.cpu, view.cpuShare));
  // The shell joins the cgroups, then becomes the chain: $$ is the pid the host spawned.
  if (entries.length) return { command: '/bin/sh', args: ['-c', `${entries.join(' && ')} && exec "$@"`, 'faaslab-sandbox', ...chain] };
  const [first, ...rest] = chain as [string, ...string[]];
  return { command: first, args: rest };
}

/**
 * The sandboxed runtime's own pid, as the host sees it: bwrap's first process starts bwrap's
 * init (pid 1 inside), which starts the runtime. Memory is read from it, not from bwrap.
 */
export function innerPid(outer: number | undefined): number | undefined {
  let pid = outer;
  for (let depth = 0; pid && depth < 4; depth++) {
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
    } catch {
      return undefined;
    }
    if (comm !== 'bwrap' && comm !== 'sh' && comm !== 'prlimit') return pid;
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    } catch {
      return undefined;
    }
    pid = Number(children.split(' ')[0]) || undefined;
  }
  return undefined;
}
