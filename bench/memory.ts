/**
 * Memory of processes, from /proc (Linux). Two measures, because they answer different questions:
 * RSS counts every resident page a process maps, so summing it over N Node processes counts the
 * node binary's shared code N times; PSS divides each shared page among the processes sharing it,
 * so a PSS sum is what the processes together actually occupy.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  rssMb: number;
  /** Undefined where /proc/<pid>/smaps_rollup is not readable (kernels before 4.14, non-Linux). */
  pssMb?: number;
}

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function kbField(text: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

/** RSS and PSS of one process; undefined when it is gone or /proc is not there. */
export function processMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const rssKb = kbField(status, 'VmRSS');
  if (rssKb === undefined) return undefined;
  let pssKb: number | undefined;
  try {
    pssKb = kbField(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'), 'Pss');
  } catch {
    pssKb = undefined;
  }
  return pssKb === undefined ? { rssMb: mb(rssKb) } : { rssMb: mb(rssKb), pssMb: mb(pssKb) };
}

/** The process and all its descendants (a server that forks helpers counts them too). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue;
    }
    // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface MemorySum {
  processes: number;
  rssMb: number;
  /** Null when PSS could not be read for every process. */
  pssMb: number | null;
}

/** Sums RSS and PSS over processes; those already gone are left out (and not counted). */
export function sumMemory(pids: number[]): MemorySum {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  let pssComplete = true;
  for (const pid of pids) {
    const m = processMemory(pid);
    if (!m) continue;
    processes++;
    rss += m.rssMb;
    if (m.pssMb === undefined) pssComplete = false;
    else pss += m.pssMb;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return { processes, rssMb: round(rss), pssMb: pssComplete && processes ? round(pss) : null };
}

/** Threads of the processes together (serverless-offline's workers are threads of its process). */
export function threadCount(pids: number[]): number {
  let n = 0;
  for (const pid of pids) {
    try {
      n += Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return n;
}
