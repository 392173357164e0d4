/**
 * Builds one function's FunctionConfig from its properties (Globals already merged): each property
 * resolved, checked against what Lambda accepts, and every problem recorded with its template line.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LOG_LEVELS, type Architecture, type EsbuildProperties, type FunctionConfig, type LogLevel, type SystemLogLevel } from '../../../shared/domain/function-config.js';
import { compiledRuntimeAdvice } from '../../../shared/lambda/compiled-runtimes.js';
import { checkEnvironment } from '../../../shared/lambda/environment-variables.js';
import { LIMITS } from '../../../shared/lambda/limits.js';
import { runtimeInfo, SUPPORTED_RUNTIMES } from '../../../shared/lambda/runtimes.js';
import { containsIntrinsic, isIntrinsic, isNumericText, resolveValue, scalarText, type IntrinsicContext, type ResourceRef } from '../template/intrinsics.js';
import type { WorkspaceProblem } from './template-loader.js';
import type { LayerDefinition } from './layer-reader.js';
import { inlineCodeDir } from './inline-code.js';
import { ARCHIVE, singleFileCodeDir } from './file-code.js';

export interface FunctionSource {
  logicalId: string;
  serverless: boolean;
  /** Properties after the Globals merge, intrinsics not yet resolved. */
  properties: Record<string, unknown>;
  line: number | undefined;
  /** The resource's Metadata (SAM's BuildMethod and BuildProperties). */
  metadata?: Record<string, unknown>;
  /** Line of a property's key, in the resource or else in Globals.Function. */
  lineOf(keys: string[]): number | undefined;
}

type Severity = WorkspaceProblem['severity'];
const RUNTIME_LIST = SUPPORTED_RUNTIMES.join(', ');
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export async function buildFunction(
  src: FunctionSource,
  root: string,
  ctx: IntrinsicContext,
  problems: WorkspaceProblem[],
  layers: ReadonlyMap<string, LayerDefinition> = new Map(),
  refs?: ReadonlyMap<string, ResourceRef>,
): Promise<FunctionConfig> {
  const r = new FunctionReader(src, ctx, problems, refs);
  const runtime = r.str(['Runtime'], 'error') ?? '';
  const info = runtimeInfo(runtime);
  if (!r.present(['Runtime'])) r.report('error', `Runtime is missing; supported runtimes: ${RUNTIME_LIST}`, ['Runtime']);
  else if (runtime && !info) r.report('error', compiledRuntimeAdvice(runtime) ?? `Runtime "${runtime}" is not supported; supported runtimes: ${RUNTIME_LIST}`, ['Runtime']);
  const handler = r.str(['Handler'], 'error') ?? '';
  // Custom runtimes read _HANDLER themselves and may ignore it; every other runtime needs one.
  if (!r.present(['Handler']) && info?.family !== 'provided') {
    r.report('error', `Handler is missing: runtime ${runtime || '(none)'} needs one, e.g. app.handler`, ['Handler']);
  }
  const codeDir = await r.codeDir(root, runtime);
  const layerDirs = r.layers(layers, runtime);
  const esbuild = readEsbuild(src, problems);
  const memorySizeMb = r.int(['MemorySize'], LIMITS.memoryMb, 'MB') ?? LIMITS.memoryMb.default;
  const timeoutSeconds = r.int(['Timeout'], LIMITS.timeoutSeconds, 'seconds') ?? LIMITS.timeoutSeconds.default;
  r.map(['EphemeralStorage']);
  const ephemeralStorageMb = r.int(['EphemeralStorage', 'Size'], LIMITS.ephemeralStorageMb, 'MB') ?? LIMITS.ephemeralStorageMb.default;
  const reservedConcurrency = r.int(['ReservedConcurrentExecutions'], { min: 0, max: LIMITS.accountConcurrency }, 'environments');
  r.map(['ProvisionedConcurrencyConfig']);
  const provisionedConcurrency = r.int(['ProvisionedConcurrencyConfig', 'ProvisionedConcurrentExecutions'], { min: 1, max: LIMITS.accountConcurrency }, 'environments');
  if (provisionedConcurrency !== undefined && r.str(['AutoPublishAlias']) === undefined) {
    // SAM's own rule: provisioned concurrency is set on the alias it publishes.
    r.report('error', 'To set ProvisionedConcurrencyConfig AutoPublishAlias must be defined on the function', ['ProvisionedConcurrencyConfig']);
  }
  if (provisionedConcurrency !== undefined && reservedConcurrency !== undefined && provisionedConcurrency > reservedConcurrency) {
    r.report('error', `ProvisionedConcurrentExecutions (${provisionedConcurrency}) cannot be more than ReservedConcurrentExecutions (${reservedConcurrency})`, [
      'ProvisionedConcurrencyConfig',
      'ProvisionedConcurrentExecutions',
    ]);
  }

  const functionName = r.str(['FunctionName']) ?? src.logicalId;
  if (!FUNCTION_NAME.test(functionName)) {
    r.report('error', `FunctionName "${functionName}" is not valid: 1 to 64 letters, digits, hyphens or underscores`, ['FunctionName']);
  }

  r.map(['LoggingConfig']);
  const logFormat = r.oneOf(['LoggingConfig', 'LogFormat'], ['Text', 'JSON'] as const) ?? 'Text';
  const applicationLogLevel = r.oneOf<LogLevel>(['LoggingConfig', 'ApplicationLogLevel'], LOG_LEVELS);
  const systemLogLevel = r.oneOf<SystemLogLevel>(['LoggingConfig', 'SystemLogLevel'], ['DEBUG', 'INFO', 'WARN']);
  const logGroup = r.str(['LoggingConfig', 'LogGroup']);
  if (logFormat === 'Text') {
    for (const [key, level] of [
      ['ApplicationLogLevel', applicationLogLevel],
      ['SystemLogLevel', systemLogLevel],
    ] as const) {
      if (level) r.report('warning', `LoggingConfig.${key} is ignored with LogFormat Text: Lambda filters log levels only in the JSON format`, ['LoggingConfig', key]);
    }
  }

  // Optional fields left undefined are absent for every consumer that reads them (JSON drops them).
  return {
    logicalId: src.logicalId,
    functionName,
    codeDir,
    handler,
    runtime,
    memorySizeMb,
    timeoutSeconds,
    architecture: r.architecture(),
    ephemeralStorageMb,
    environment: r.environment(),
    logFormat,
    applicationLogLevel,
    systemLogLevel,
    logGroup,
    reservedConcurrency,
    ...(provisionedConcurrency !== undefined ? { provisionedConcurrency } : {}),
    ...(layerDirs.length ? { layers: layerDirs } : {}),
    ...(esbuild ? { esbuild } : {}),
  };
}

/** Metadata BuildMethod esbuild and its BuildProperties; other build methods need nothing here. */
function readEsbuild(src: FunctionSource, problems: WorkspaceProblem[]): EsbuildProperties | undefined {
  const meta = src.metadata;
  if (!meta || meta.BuildMethod !== 'esbuild') return undefined;
  const props = isObject(meta.BuildProperties) ? meta.BuildProperties : {};
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined);
  const out: EsbuildProperties = {};
  const entryPoints = strings(props.EntryPoints);
  if (entryPoints) out.entryPoints = entryPoints;
  if (props.Format === 'esm' || props.Format === 'cjs') out.format = props.Format;
  else if (props.Format !== undefined)
    problems.push({ logicalId: src.logicalId, severity: 'error', message: `Metadata.BuildProperties.Format "${String(props.Format)}" is not one of cjs, esm`, line: src.line });
  if (typeof props.Target === 'string') out.target = props.Target;
  const sourcemap = bool(props.Sourcemap);
  if (sourcemap !== undefined) out.sourcemap = sourcemap;
  const external = strings(props.External);
  if (external) out.external = external;
  const minify = bool(props.Minify);
  if (minify !== undefined) out.minify = minify;
  return out;
}

/** Reads one function's properties, resolving intrinsics and recording problems as it goes. */
class FunctionReader {
  private readonly resolved = new Map<string, unknown>();

  constructor(
    private readonly src: FunctionSource,
    private readonly ctx: IntrinsicContext,
    private readonly problems: WorkspaceProblem[],
    /** Resources' names and ARNs, for the variables only (resource-refs.ts): other properties look resources up by logical id. */
    private readonly refs?: ReadonlyMap<string, ResourceRef>,
  ) {}

  report(severity: Severity, message: string, keys: string[] = []): void {
    const line = (keys.length > 0 ? this.src.lineOf(keys) : undefined) ?? this.src.line;
    this.problems.push({ logicalId: this.src.logicalId, severity, message, line });
  }

  /** The resolved value at a property path; undefined when absent or AWS::NoValue. */
  get(keys: string[]): unknown {
    const top = keys[0]!;
    if (!this.resolved.has(top)) {
      const reporter = (m: string) => this.report('warning', `${top}: ${m}`, [top]);
      this.resolved.set(top, resolveValue(this.src.properties[top], this.ctx, reporter));
    }
    let value = this.resolved.get(top);
    for (const key of keys.slice(1)) value = isObject(value) && !isIntrinsic(value) ? value[key] : undefined;
    return value;
  }

  present(keys: string[]): boolean {
    const value = this.get(keys);
    return value !== undefined && value !== null;
  }

  /** Reports a value that is not what the property takes, or that stays unresolved. */
  private reject(keys: string[], value: unknown, kind: string, unresolved: Severity): void {
    const label = keys.join('.');
    if (containsIntrinsic(value)) {
      const ignored = unresolved === 'warning' ? '; ignored' : '';
      this.report(unresolved, `${label} ${JSON.stringify(value)} cannot be resolved locally${ignored}`, keys);
    } else {
      this.report('error', `${label} must be ${kind}, got ${JSON.stringify(value)}`, keys);
    }
  }

  map(keys: string[]): Record<string, unknown> | undefined {
    const value = this.get(keys);
    if (value === undefined || value === null) return undefined;
    if (isObject(value) && !isIntrinsic(value)) return value;
    this.reject(keys, value, 'a map', 'warning');
    return undefined;
  }

  str(keys: string[], unresolved: Severity = 'warning'): string | undefined {
    const value = this.get(keys);
    if (value === undefined || value === null) return undefined;
    const text = scalarText(value);
    if (text === undefined) this.reject(keys, value, 'a string', unresolved);
    return text;
  }

  oneOf<T extends string>(keys: string[], allowed: readonly T[]): T | undefined {
    const text = this.str(keys);
    if (text === undefined) return undefined;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    this.report('error', `${keys.join('.')} "${text}" is not one of ${allowed.join(', ')}`, keys);
    return undefined;
  }

  /** A whole number within Lambda's range; out-of-range values are kept (and refused). */
  int(keys: string[], range: { min: number; max: number }, unit: string): number | undefined {
    const value = this.get(keys);
    if (value === undefined || value === null) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' && isNumericText(value) ? Number(value) : undefined;
    if (n === undefined) {
      this.reject(keys, value, 'a number', 'warning');
      return undefined;
    }
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      this.report('error', `${keys.join('.')} ${n} is outside Lambda's range: a whole number from ${range.min} to ${range.max} ${unit}`, keys);
    }
    return n;
  }

  architecture(): Architecture {
    const list = this.get(['Architectures']);
    if (list === undefined || list === null) return 'x86_64';
    if (!Array.isArray(list) || containsIntrinsic(list)) {
      this.reject(['Architectures'], list, 'a list such as [arm64]', 'warning');
      return 'x86_64';
    }
    const first: unknown = list[0];
    if (first !== 'x86_64' && first !== 'arm64') {
      this.report('error', `Architectures must hold x86_64 or arm64, got ${JSON.stringify(list)}`, ['Architectures']);
      return 'x86_64';
    }
    if (list.length > 1) {
      // SAM concatenates Globals lists with the resource's, so this is easy to do by accident.
      this.report('warning', `Architectures has ${list.length} entries but Lambda takes one; faaslab uses the first, ${first}`, ['Architectures']);
    }
    return first;
  }

  /** Layers: up to five, in order, each a layer of this template (its !Ref). */
  layers(table: ReadonlyMap<string, LayerDefinition>, runtime: string): string[] {
    const list = this.get(['Layers']);
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      this.reject(['Layers'], list, 'a list of layers', 'warning');
      return [];
    }
    if (list.length > LIMITS.layersPerFunction) this.report('error', `Layers has ${list.length} layers; Lambda allows at most ${LIMITS.layersPerFunction}`, ['Layers']);
    const dirs: string[] = [];
    for (const item of list) {
      const layer = typeof item === 'string' ? table.get(item) : undefined;
      if (layer) {
        if (layer.compatibleRuntimes?.length && runtime && !layer.compatibleRuntimes.includes(runtime)) {
          this.report('warning', `Layer ${layer.logicalId} lists CompatibleRuntimes ${layer.compatibleRuntimes.join(', ')}, not ${runtime}`, ['Layers']);
        }
        dirs.push(layer.dir);
      } else if (typeof item === 'string' && /^arn:aws[\w-]*:lambda:/.test(item)) {
        this.report('warning', `Layer ${item} is published in AWS, and faaslab cannot fetch it: the function runs without it (declare the layer in this template with a local ContentUri to use it)`, [
          'Layers',
        ]);
      } else {
        this.reject(['Layers'], item, 'a layer of this template (!Ref MyLayer) or a layer ARN', 'warning');
      }
    }
    return dirs;
  }

  async codeDir(root: string, runtime: string): Promise<string> {
    const key = this.src.serverless ? 'CodeUri' : 'Code';
    if (this.get(['PackageType']) === 'Image') {
      this.report('error', 'PackageType Image (a container image function) is not supported: faaslab runs Zip functions from a folder', ['PackageType']);
      return root;
    }
    // SAM's InlineCode, and CloudFormation's Code.ZipFile: Lambda writes the text to index.js or index.py.
    const inline = this.src.serverless ? this.get(['InlineCode']) : this.get(['Code', 'ZipFile']);
    if (inline !== undefined && inline !== null) {
      const where = this.src.serverless ? ['InlineCode'] : ['Code', 'ZipFile'];
      if (typeof inline !== 'string') {
        this.reject(where, inline, 'the code as text', 'error');
        return root;
      }
      if (!this.idIsFolderName(where)) return root;
      const made = await inlineCodeDir(root, this.src.logicalId, runtime, inline);
      if ('error' in made) this.report('error', made.error, where);
      return 'dir' in made ? made.dir : root;
    }
    const location = this.present([key]) ? this.get([key]) : this.src.serverless ? '.' : undefined;
    if (location === undefined) {
      this.report('error', 'Code is missing: set it to the folder that holds the code', [key]);
      return root;
    }
    if (typeof location !== 'string' || /^s3:\/\//i.test(location)) {
      this.reject([key], location, 'a local folder (faaslab cannot run code from S3)', 'error');
      return root;
    }
    const dir = path.resolve(root, location);
    const info = await stat(dir).catch(() => undefined);
    if (!info) this.report('error', `${key} folder "${location}" does not exist (${dir})`, [key]);
    else if (info.isFile() && this.src.serverless && !ARCHIVE.test(dir)) return this.idIsFolderName([key]) ? singleFileCodeDir(root, this.src.logicalId, dir) : root;
    else if (!info.isDirectory()) this.report('error', `${key} "${location}" is not a folder: faaslab runs code from a folder, not an archive`, [key]);
    return dir;
  }

  /**
   * Inline and single-file code is written to a folder named by the logical id: one that is not
   * CloudFormation's alphanumeric id (../../x, a NUL) would write outside the workspace or throw.
   */
  private idIsFolderName(where: string[]): boolean {
    if (/^[A-Za-z0-9]+$/.test(this.src.logicalId)) return true;
    this.report('error', `Logical id "${this.src.logicalId}" is not alphanumeric (A-Za-z0-9), which CloudFormation requires: faaslab does not write this function's code under that name`, where);
    return false;
  }

  environment(): Record<string, string> {
    const base = ['Environment', 'Variables'];
    const raw = this.src.properties.Environment;
    const rawVars = isObject(raw) && !isIntrinsic(raw) ? raw.Variables : undefined;
    let entries: Array<[string, unknown]>;
    if (isObject(rawVars) && !isIntrinsic(rawVars)) {
      // Resolved one by one so a warning names the variable and points at its line.
      entries = Object.entries(rawVars).map(([name, value]) => {
        const keys = [...base, name];
        return [name, resolveValue(value, this.refs ? { ...this.ctx, refs: this.refs } : this.ctx, (m) => this.report('warning', `${keys.join('.')}: ${m}`, keys))];
      });
    } else {
      if (!this.map(['Environment'])) return {};
      entries = Object.entries(this.map(base) ?? {});
    }
    const vars: Record<string, string> = {};
    for (const [name, value] of entries) {
      if (value === undefined) continue; // AWS::NoValue removes the variable.
      const text = scalarText(value);
      vars[name] = text ?? JSON.stringify(value);
      if (text === undefined) {
        const [keys, json] = [[...base, name], JSON.stringify(value)];
        if (containsIntrinsic(value)) this.report('warning', `${keys.join('.')} ${json} cannot be resolved locally; the variable holds that JSON text`, keys);
        else this.report('error', `${keys.join('.')} must be a string, got ${json}`, keys);
      }
    }
    for (const problem of checkEnvironment(vars)) {
      this.report('error', `Environment.Variables: ${problem.message}`, problem.key === '*' ? base : [...base, problem.key]);
    }
    return vars;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
