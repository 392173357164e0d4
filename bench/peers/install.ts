/**
 * Installs the peers the bench compares faaslab with into a folder of their own, never into the
 * project's dependencies. A folder that already holds the right versions is reused. Peers are
 * installed in groups, each with its own `npm install`, so one that cannot be installed (the
 * runtime interface client's native build) is recorded and the others still run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Peer {
  /** The package name, as in node_modules. */
  name: string;
  /** What `npm install` is given: name@range, or any npm spec (file:..., a tarball). */
  spec: string;
  /** The major version the folder must hold to be reused; undefined: any installed version. */
  major?: number;
}

export interface PeerGroup {
  peers: Peer[];
  /** Prints the package's own build output: the runtime interface client compiles for ~30 s. */
  foregroundScripts?: boolean;
  /** Why the group cannot be installed on this machine (missing build tools), checked first. */
  prerequisites?: () => string | undefined;
  /** Why an installed group is not usable (its native module was never built). */
  verify?: (dir: string) => string | undefined;
}

export interface PeerStatus {
  version?: string;
  error?: string;
}

export const DEFAULT_PEERS_DIR = path.join(os.tmpdir(), 'faaslab-bench-peers');

export const RIC = 'aws-lambda-ric';

export const PEER_GROUPS: PeerGroup[] = [
  {
    peers: [
      { name: 'lambda-local', spec: 'lambda-local@2', major: 2 },
      { name: 'serverless', spec: 'serverless@3', major: 3 },
      { name: 'serverless-offline', spec: 'serverless-offline@13', major: 13 },
    ],
  },
  {
    peers: [{ name: RIC, spec: `${RIC}@4`, major: 4 }],
    foregroundScripts: true,
    prerequisites: ricBuildTools,
    verify: (dir) => (existsSync(path.join(dir, 'node_modules', RIC, 'rapid-client.node')) ? undefined : `${RIC} is installed but its native module (rapid-client.node) was not built`),
  },
];

/** The apt packages that provide each build tool aws-lambda-ric's install script runs. */
const RIC_TOOLS: Array<{ commands: string[]; apt: string }> = [
  { commands: ['autoreconf'], apt: 'autoconf' },
  { commands: ['automake'], apt: 'automake' },
  { commands: ['libtoolize'], apt: 'libtool' },
  { commands: ['cmake', 'cmake3'], apt: 'cmake' },
  { commands: ['make'], apt: 'make' },
  { commands: ['c++', 'g++'], apt: 'g++' },
  { commands: ['python3'], apt: 'python3' },
];

function hasCommand(command: string): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ricBuildTools(): string | undefined {
  if (process.platform !== 'linux') return `${RIC} builds its native client on Linux only`;
  const missing = RIC_TOOLS.filter((t) => !t.commands.some(hasCommand));
  if (!missing.length) return undefined;
  return `its install builds curl and aws-lambda-cpp from source, and this machine lacks ${missing.map((t) => t.commands.join('/')).join(', ')}: install them with \`sudo apt-get install -y ${missing.map((t) => t.apt).join(' ')}\`, then run the bench again`;
}

/** The version of an installed peer, read from its own package.json. */
export function installedVersion(dir: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function wrongVersions(dir: string, group: PeerGroup): string | undefined {
  const wrong = group.peers.flatMap((p) => {
    const v = installedVersion(dir, p.name);
    if (v === undefined) return [`${p.name} is not in ${dir}/node_modules`];
    return p.major === undefined || Number(v.split('.')[0]) === p.major ? [] : [`${p.name} ${v} is installed, ${p.major}.x is wanted`];
  });
  return wrong.length ? wrong.join('; ') : undefined;
}

const satisfied = (dir: string, group: PeerGroup) => !wrongVersions(dir, group) && !group.verify?.(dir);

/**
 * Makes sure every group is installed in `dir`; returns each peer's installed version, or the
 * error that kept it from being installed.
 */
export async function installPeers(dir: string, groups: PeerGroup[], progress: (msg: string) => void): Promise<Record<string, PeerStatus>> {
  mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) {
    // npm 11 runs no dependency's install script unless the project allows it by name.
    writeFileSync(
      manifest,
      `${JSON.stringify({ name: 'faaslab-bench-peers', private: true, description: 'Peers faaslab benchmarks itself against (npm run bench -- --peers); safe to delete.', allowScripts: { [RIC]: true } }, null, 2)}\n`,
    );
  }
  const status: Record<string, PeerStatus> = {};
  for (const group of groups) {
    const names = group.peers.map((p) => p.name).join(', ');
    let error: string | undefined;
    if (!satisfied(dir, group)) {
      error = group.prerequisites?.();
      if (!error) {
        progress(`installing ${names} into ${dir} (${group.foregroundScripts ? 'its native build takes about a minute' : 'the first run takes about a minute'})`);
        error = await npmInstall(
          dir,
          group.peers.map((p) => p.spec),
          group.foregroundScripts ?? false,
        );
        error ??= group.verify?.(dir) ?? wrongVersions(dir, group);
      }
      if (error) progress(`could not install ${names}: ${firstLine(error)}`);
    }
    for (const p of group.peers) {
      const version = installedVersion(dir, p.name);
      status[p.name] = error ? { ...(version ? { version } : {}), error } : { version };
    }
  }
  return status;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim())
      ?.slice(0, 300) ?? text
  );
}

/** Runs `npm install`; resolves with the error text (the output's tail) when it fails. */
function npmInstall(dir: string, specs: string[], foregroundScripts: boolean): Promise<string | undefined> {
  // Under `npm run`, npm_config_* variables describe the faaslab project: they must not steer an
  // install into another folder.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /\.c?js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  const flags = ['install', '--no-audit', '--no-fund', '--no-update-notifier', ...(foregroundScripts ? ['--foreground-scripts'] : [])];
  return new Promise((resolve) => {
    const child = spawn(command, [...args, ...flags, ...specs], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err) => resolve(`npm could not be started: ${err.message}`));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(undefined);
      const lines = out.trim().split('\n');
      const errLines = lines.filter((l) => /ERR!|error/i.test(l));
      const shown = (errLines.length ? errLines : lines).slice(-40).join('\n');
      resolve(`npm install ${specs.join(' ')} failed (${signal ?? `exit status ${code}`}):\n${shown}`);
    });
  });
}
