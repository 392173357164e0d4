/** The memory reader, on live processes this test starts (Linux: /proc). */
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { firstMessage, spawnChild, stopChild } from '../../bench/children.js';
import { processMemory, processTree, sumMemory, threadCount } from '../../bench/memory.js';

/** Running, that is: a killed process waiting to be reaped (a zombie) holds no memory. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

const started: ChildProcess[] = [];
afterAll(async () => {
  for (const c of started) await stopChild(c, 500);
});

describe.runIf(process.platform === 'linux')('memory of processes', () => {
  it('reads RSS and PSS of a live child, and sums them', async () => {
    const child = spawnChild(process.execPath, ['-e', "process.send('up'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    started.push(child);
    await firstMessage(child, 10_000);
    const m = processMemory(child.pid!);
    expect(m?.rssMb).toBeGreaterThan(0);
    expect(m?.pssMb).toBeGreaterThan(0);
    // PSS shares the binary's pages with the other node processes: never more than RSS.
    expect(m!.pssMb!).toBeLessThanOrEqual(m!.rssMb);
    const sum = sumMemory([child.pid!, process.pid]);
    expect(sum.processes).toBe(2);
    expect(sum.rssMb).toBeGreaterThan(m!.rssMb);
    expect(sum.pssMb).not.toBeNull();
    expect(threadCount([child.pid!])).toBeGreaterThan(1);
  });

  it('leaves out processes that are gone', () => {
    expect(processMemory(2 ** 22 + 12345)).toBeUndefined();
    expect(sumMemory([2 ** 22 + 12345])).toEqual({ processes: 0, rssMb: 0, pssMb: null });
  });

  it('finds a process tree, and stopping the child ends its whole group', async () => {
    // A shell that starts two sleepers: the tree holds all three.
    const child = spawnChild('sh', ['-c', 'sleep 30 & sleep 30 & wait']);
    started.push(child);
    let tree: number[] = [];
    for (let i = 0; i < 50 && tree.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      tree = processTree(child.pid!);
    }
    expect(tree[0]).toBe(child.pid);
    expect(tree).toHaveLength(3);
    await stopChild(child, 500);
    await new Promise((r) => setTimeout(r, 50));
    expect(tree.filter(alive)).toEqual([]);
  });
});
