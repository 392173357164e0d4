/**
 * Runs a boto3 script with Debian's python3 (boto3 1.26) and parses the JSON it prints. Async:
 * the host answering the script runs in this process, so a synchronous spawn would deadlock.
 */
import { execFile } from 'node:child_process';

export function runPython(script: string, endpoint: string): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', ['-c', script, endpoint], { env: { PATH: process.env.PATH ?? '/usr/bin', HOME: process.env.HOME ?? '/tmp' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`python3 failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}
