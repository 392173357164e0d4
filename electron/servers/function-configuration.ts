/**
 * The JSON shapes Lambda's control plane returns for a function (FunctionConfiguration and
 * GetFunction), built from a workspace function so `aws lambda get-function` and
 * `list-functions` show what the engine will really run.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionConfig } from '../../shared/domain/function-config.js';

/** What the shapes need from the engine: where the function lives in the fake account. */
export interface AccountInfo {
  accountId: string;
  functionArn(fn: FunctionConfig): string;
  /** Configuration problems: a function with any is shown as Lambda shows a failed one. */
  problemsOf(logicalId: string): string[];
}

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  Version: '$LATEST';
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: 'PassThrough' };
  State: 'Active' | 'Failed';
  StateReason?: string;
  StateReasonCode?: 'InvalidConfiguration';
  LastUpdateStatus: 'Successful' | 'Failed';
  PackageType: 'Zip';
  Architectures: string[];
  EphemeralStorage: { Size: number };
  LoggingConfig: { LogFormat: string; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup: string };
}

export async function functionConfiguration(account: AccountInfo, fn: FunctionConfig): Promise<FunctionConfiguration> {
  const code = await folderStats(fn.codeDir);
  const json = fn.logFormat === 'JSON';
  return {
    FunctionName: fn.functionName,
    FunctionArn: account.functionArn(fn),
    Runtime: fn.runtime,
    // Nothing checks permissions locally; a recognisable placeholder beats an empty field.
    Role: `arn:aws:iam::${account.accountId}:role/faaslab-local`,
    Handler: fn.handler,
    CodeSize: code.bytes,
    Description: '',
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySizeMb,
    LastModified: lambdaTimestamp(code.modified),
    Version: '$LATEST',
    // Lambda leaves Environment out when a function has no variables.
    ...(Object.keys(fn.environment).length > 0 ? { Environment: { Variables: { ...fn.environment } } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    ...stateOf(account.problemsOf(fn.logicalId)),
    PackageType: 'Zip',
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: fn.ephemeralStorageMb },
    LoggingConfig: {
      LogFormat: fn.logFormat,
      // Lambda reports the levels (INFO by default) only for the JSON format, the one that filters.
      ...(json ? { ApplicationLogLevel: fn.applicationLogLevel ?? 'INFO', SystemLogLevel: fn.systemLogLevel ?? 'INFO' } : {}),
      LogGroup: fn.logGroup ?? `/aws/lambda/${fn.functionName}`,
    },
  };
}

function stateOf(problems: string[]) {
  if (!problems.length) return { State: 'Active', LastUpdateStatus: 'Successful' } as const;
  return { State: 'Failed', StateReason: problems.join('; '), StateReasonCode: 'InvalidConfiguration', LastUpdateStatus: 'Failed' } as const;
}

/** GetFunction's answer; Code points at the local folder instead of a presigned S3 URL. */
export async function getFunctionResponse(account: AccountInfo, fn: FunctionConfig) {
  return {
    Configuration: await functionConfiguration(account, fn),
    Code: { RepositoryType: 'Local', Location: pathToFileURL(fn.codeDir).href },
    Tags: {},
    ...(fn.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } } : {}),
  };
}

/**
 * Lambda's LastModified format: ISO 8601 with a "+0000" offset, e.g. 2024-05-01T12:00:00.000+0000.
 * The SDK keeps it as a string, so matching the format matters to scripts that parse it.
 */
function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * Size of the code folder (what the deployment package would hold) and its newest change.
 * Folders that never ship (version control, faaslab's own state) are skipped, and symbolic
 * links are not followed so a link loop cannot hang a request. A missing folder is 0 bytes.
 */
async function folderStats(dir: string): Promise<{ bytes: number; modified: Date }> {
  let bytes = 0;
  let newest = 0;
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(current, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full);
          return;
        }
        if (!entry.isFile()) return;
        const info = await lstat(full).catch(() => undefined);
        if (!info) return;
        bytes += info.size;
        newest = Math.max(newest, info.mtimeMs);
      }),
    );
  };
  await walk(dir);
  if (newest === 0) newest = (await lstat(dir).catch(() => undefined))?.mtimeMs ?? Date.now();
  return { bytes, modified: new Date(newest) };
}

const SKIPPED_FOLDERS = new Set(['.git', '.faaslab', '.aws-sam']);
