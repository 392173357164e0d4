/**
 * One open workspace: its loaded template, the engine running its functions, its triggers
 * (routes on the host's HTTP trigger server, schedules), its env.json overrides and the
 * watchers that follow edits made outside faaslab. workspace.open ends one
 * session and starts another, so nothing of the old folder lingers.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceInfo, FunctionSummary } from '../../shared/api/schemas.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { Engine, type EngineOptions } from '../engine/engine.js';
import type { EventInvoker } from '../triggers/event-invoker.js';
import type { HttpTriggerHub } from '../triggers/http-hub.js';
import { AsyncInvoker } from '../triggers/messaging/async-invoke.js';
import type { Clock } from '../triggers/schedule/scheduler.js';
import { TriggerManager } from '../triggers/trigger-manager.js';
import type { ParsedTemplate } from '../workspace/template/parsed-template.js';
import { loadWorkspaceTemplate, problemsByFunction, TemplateError, type Workspace, type WorkspaceProblem } from '../workspace/read/template-loader.js';
import { readEnvFile, withOverrides, writeEnvScope, ENV_FILE, type EnvVarsFile } from './env-file.js';
import { Debouncer } from '../base/debouncer.js';
import { watchFolder, watchTree, type Closable } from '../base/file-watch.js';
import { HostError, type Push } from './host-types.js';
import { TemplateEditor } from '../workspace/edit/template-edit.js';
import type { TriggerActivity } from '../../shared/domain/triggers.js';
import type { WorkspaceSettings } from '../../shared/api/settings-schemas.js';
import type { WorkspaceSettingsUpdate } from '../../shared/api/settings-schemas.js';
import { mergeSettings, readSettings, writeSettings } from './workspace-settings.js';
import type { z } from 'zod';

export interface SessionHooks {
  push(p: Push): void;
  /** Environments may have been ended (a function retired or replaced). */
  environmentsChanged(): void;
}

export interface SessionTriggerOptions {
  /** The host's HTTP trigger server: the session serves its routes there while it is open. */
  hub: HttpTriggerHub;
  /** Failures nobody waits for (a scheduled invocation that could not start). */
  log(line: string): void;
  clock?: Clock;
  /** False: the workspace's schedules never fire (TriggerManagerOptions.schedules). */
  schedules?: boolean;
  /** Scales async retry delays (createHost's asyncRetryDelayScale). */
  asyncRetryDelayScale?: number;
}

/** Watch events settle for this long before a reload: editors write a file in several steps. */
const DEBOUNCE_MS = 100;
/** A change we made ourselves is not reported back as a change "on disk" for this long. */
const OWN_WRITE_MS = 2000;

export class WorkspaceSession {
  private ws: Workspace;
  private text: string;
  private overrides: EnvVarsFile = {};
  private envProblem: string | undefined;
  private reloadProblem: WorkspaceProblem | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly codeWatchers = new Map<string, Closable>();
  private dirWatcher: Closable | undefined;
  private readonly ownWrites = new Map<string, number>();
  private readonly templateChanges: Debouncer<string>;
  private readonly codeChanges: Debouncer<string>;
  private closed = false;
  private current: WorkspaceSettings = {};
  private settingsProblem: string | undefined;
  readonly triggers: TriggerManager;
  private readonly asyncQueue: AsyncInvoker;

  private constructor(
    readonly engine: Engine,
    loaded: Loaded,
    private readonly hooks: SessionHooks,
    triggerOptions: SessionTriggerOptions,
  ) {
    this.ws = loaded.ws;
    this.text = loaded.template.text;
    const onActivity = (data: TriggerActivity) => hooks.push({ event: 'activity', data });
    // Lambda's internal queue: its settings and destinations are the template's messaging, read by the trigger manager.
    this.asyncQueue = new AsyncInvoker({
      engine,
      config: (id) => this.triggers.messaging.asyncConfig(id),
      deliver: (destination, body, attributes, origin) => this.triggers.messaging.deliver(destination, body, attributes, origin),
      onActivity,
      log: triggerOptions.log,
      retryDelayScale: triggerOptions.asyncRetryDelayScale,
    });
    this.triggers = new TriggerManager({
      engine,
      async: this.asyncQueue,
      hub: triggerOptions.hub,
      clock: triggerOptions.clock,
      schedules: triggerOptions.schedules,
      log: triggerOptions.log,
      onChange: (data) => hooks.push({ event: 'triggers', data }),
      onActivity,
      onTables: (data) => hooks.push({ event: 'tables', data }),
      onBuckets: (buckets, changed) => hooks.push({ event: 'buckets', data: { buckets, changed } }),
      onQueues: (data) => hooks.push({ event: 'queues', data }),
    });
    this.templateChanges = new Debouncer(DEBOUNCE_MS, (names) => void this.onDirChanges(names));
    this.codeChanges = new Debouncer(DEBOUNCE_MS, (files) => this.onCodeChanges(files));
  }

  /** Loads the folder's template; a missing folder or template is NotFound, a broken one ValidationError. */
  static async open(dir: string, engineOptions: Partial<EngineOptions>, hooks: SessionHooks, triggerOptions: SessionTriggerOptions): Promise<WorkspaceSession> {
    const loaded = await load(path.resolve(dir));
    const env = await readEnvFile(loaded.ws.dir);
    const engine = new Engine({ ...engineOptions, functions: withOverrides(loaded.ws.functions, env.file), problems: problemsByFunction(loaded.ws) });
    const session = new WorkspaceSession(engine, loaded, hooks, triggerOptions);
    session.overrides = env.file;
    session.envProblem = env.problem;
    const settings = await readSettings(loaded.ws.dir);
    session.settingsProblem = settings.problem;
    session.applySettings(settings.settings); // before the triggers start: buckets open in their own folders at once
    // Last: from here on the host's HTTP trigger server sends this workspace's routes to this engine.
    session.triggers.apply(loaded.template);
    session.watch();
    return session;
  }

  get dir(): string {
    return this.ws.dir;
  }

  get workspace(): Workspace {
    return this.ws;
  }

  /** Where this workspace's Event invocations go: the Invoke API's, the UI's and the triggers'. */
  get async(): EventInvoker {
    return this.asyncQueue;
  }

  info(): WorkspaceInfo {
    const problems: WorkspaceInfo['problems'] = [...this.ws.problems];
    if (this.reloadProblem) problems.unshift(this.reloadProblem);
    if (this.envProblem) problems.push({ severity: 'warning', message: this.envProblem });
    if (this.settingsProblem) problems.push({ severity: 'warning', message: this.settingsProblem });
    return { dir: this.ws.dir, templatePath: this.ws.templatePath, functions: this.ws.functions.map((f) => this.summary(f.logicalId)), problems };
  }

  summary(logicalId: string): FunctionSummary {
    const f = this.fn(logicalId);
    const problems = problemsByFunction(this.ws)[logicalId] ?? [];
    const used = this.engine.runtimeUsed(f);
    const aws = this.engine.awsTargetOf(logicalId);
    return {
      logicalId,
      functionName: f.functionName,
      runtime: f.runtime,
      handler: f.handler,
      memorySizeMb: f.memorySizeMb,
      timeoutSeconds: f.timeoutSeconds,
      codeDir: f.codeDir,
      problems,
      ...('error' in used ? { runtimeNote: used.error } : { runtimeUsed: used.version, ...(used.note ? { runtimeNote: used.note } : {}) }),
      ...(aws.mode === 'aws' ? { awsTarget: aws } : {}),
    };
  }

  /** A function of the template, as loaded (without env.json overrides). */
  fn(logicalId: string): FunctionConfig {
    const f = this.ws.functions.find((x) => x.logicalId === logicalId);
    if (!f) throw new HostError('NotFound', `${logicalId} is not a function of ${path.basename(this.ws.templatePath)}`);
    return f;
  }

  /**
   * Edits template.yaml in place (one edit at a time), writes it if it changed, then reloads:
   * the engine gets the new functions and the renderer a 'workspace' push.
   */
  editTemplate<T>(edit: (editor: TemplateEditor, ws: Workspace) => T): Promise<T> {
    return this.serial(async () => {
      const original = await readFile(this.ws.templatePath, 'utf8');
      const editor = new TemplateEditor(original, this.ws.templatePath);
      const result = edit(editor, this.ws);
      const next = editor.toString();
      if (next !== original) {
        await writeFile(this.ws.templatePath, next);
        await this.reload();
      }
      return result;
    });
  }

  /** The template as it is on disk now, for reading what it says (not for writing). */
  async template(): Promise<TemplateEditor> {
    return new TemplateEditor(await readFile(this.ws.templatePath, 'utf8'), this.ws.templatePath);
  }

  overridesFile(): EnvVarsFile {
    return this.overrides;
  }

  setOverrides(scope: string, vars: Record<string, string>): Promise<void> {
    return this.serial(async () => {
      this.overrides = await writeEnvScope(this.ws.dir, this.overrides, scope, vars);
      this.envProblem = undefined;
      this.applyToEngine();
    });
  }

  /** The machine-local settings (.faaslab/settings.json). */
  settings(): WorkspaceSettings {
    return this.current;
  }

  /** Validates, writes .faaslab/settings.json and applies it: the retry delay scale at once, bucket watchers rebound. */
  updateSettings(update: z.output<typeof WorkspaceSettingsUpdate>): Promise<WorkspaceSettings> {
    return this.serial(async () => {
      const next = mergeSettings(this.current, update);
      await writeSettings(this.ws.dir, next);
      this.settingsProblem = undefined;
      this.applySettings(next);
      return next;
    });
  }

  private applySettings(settings: WorkspaceSettings): void {
    this.current = settings;
    if (this.closed) return;
    this.asyncQueue.setRetryDelayScale(settings.asyncRetryDelayScale);
    this.triggers.storage.setBucketFolders(settings.bucketFolders ?? {});
    const before = new Map(this.ws.functions.map((f) => [f.logicalId, JSON.stringify(this.engine.awsTargetOf(f.logicalId))]));
    const targets = settings.awsTargets;
    this.engine.setAwsTargets((id) => targets?.functions?.[id] ?? targets?.default ?? { mode: 'local' });
    // A function whose calls now go elsewhere gets new environments, with the new variables.
    const changed = [...before].filter(([id, was]) => JSON.stringify(this.engine.awsTargetOf(id)) !== was).map(([id]) => id);
    if (changed.length) this.retire(changed);
  }

  /** New code, new environments: as after a deployment, the next invocation is a cold start. */
  retire(logicalIds: Iterable<string>): void {
    for (const id of logicalIds) this.engine.retire(id);
    this.hooks.environmentsChanged();
  }

  /** Functions whose code folder holds this absolute path. */
  functionsAt(absPath: string): string[] {
    return this.ws.functions.filter((f) => absPath === f.codeDir || absPath.startsWith(f.codeDir + path.sep)).map((f) => f.logicalId);
  }

  /** Our own write of a code file: not echoed back as a 'file' push when the watcher sees it. */
  noteOwnWrite(absPath: string): void {
    this.ownWrites.set(absPath, Date.now());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.triggers.close();
    this.asyncQueue.close();
    this.templateChanges.cancel();
    this.codeChanges.cancel();
    this.dirWatcher?.close();
    for (const w of this.codeWatchers.values()) w.close();
    this.codeWatchers.clear();
    await this.engine.close();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reload(): Promise<void> {
    try {
      const loaded = await load(this.ws.dir);
      this.ws = loaded.ws;
      this.text = loaded.template.text;
      this.reloadProblem = undefined;
      // The same parse the functions came from: routes, schedules, storage and messaging follow the template.
      this.triggers.apply(loaded.template);
    } catch (err) {
      // A template broken on disk: keep running the last good one, and say why it is stale.
      const line = err instanceof TemplateError ? err.line : undefined;
      this.text = await readFile(this.ws.templatePath, 'utf8').catch(() => '');
      this.reloadProblem = { severity: 'error', message: `${(err as Error).message} (faaslab keeps the last valid template until this is fixed)`, line };
    }
    this.applyToEngine();
    this.watchCode();
    if (!this.closed) this.hooks.push({ event: 'workspace', data: this.info() });
  }

  private applyToEngine(): void {
    if (this.closed) return;
    this.engine.setFunctions(withOverrides(this.ws.functions, this.overrides), problemsByFunction(this.ws));
    this.hooks.environmentsChanged();
  }

  private watch(): void {
    this.dirWatcher = watchFolder(this.ws.dir, (name) => this.templateChanges.add(name));
    this.watchCode();
  }

  private watchCode(): void {
    const dirs = new Set(this.ws.functions.map((f) => f.codeDir));
    for (const [dir, w] of this.codeWatchers) {
      if (dirs.has(dir)) continue;
      w.close();
      this.codeWatchers.delete(dir);
    }
    for (const dir of dirs) {
      if (!this.codeWatchers.has(dir))
        this.codeWatchers.set(
          dir,
          watchTree(dir, (rel) => this.codeChanges.add(path.join(dir, rel))),
        );
    }
  }

  private async onDirChanges(names: string[]): Promise<void> {
    if (this.closed) return;
    if (names.includes(path.basename(this.ws.templatePath))) {
      await this.serial(async () => {
        const now = await readFile(this.ws.templatePath, 'utf8').catch(() => undefined);
        if (now !== undefined && now !== this.text) await this.reload(); // else: our own write, already loaded
      });
    }
    if (names.includes(ENV_FILE)) {
      await this.serial(async () => {
        const env = await readEnvFile(this.ws.dir);
        if (JSON.stringify(env.file) === JSON.stringify(this.overrides) && env.problem === this.envProblem) return;
        this.overrides = env.file;
        this.envProblem = env.problem;
        this.applyToEngine();
      });
    }
  }

  private onCodeChanges(files: string[]): void {
    if (this.closed) return;
    const retired = new Set<string>();
    for (const file of files) {
      const own = this.ownWrites.get(file);
      if (own !== undefined && Date.now() - own < OWN_WRITE_MS) continue;
      for (const id of this.functionsAt(file)) {
        retired.add(id);
        const rel = path.relative(this.fn(id).codeDir, file).split(path.sep).join('/');
        this.hooks.push({ event: 'file', data: { logicalId: id, path: rel } });
      }
    }
    if (retired.size) this.retire(retired);
    const cutoff = Date.now() - OWN_WRITE_MS;
    for (const [file, at] of this.ownWrites) if (at < cutoff) this.ownWrites.delete(file);
  }
}

/** A loaded workspace and the one parse of its template that functions and triggers are both read from. */
type Loaded = { ws: Workspace; template: ParsedTemplate };

async function load(dir: string): Promise<Loaded> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new HostError('NotFound', `folder ${dir} does not exist`);
  try {
    // Parsed once: triggers and functions never disagree, and a reload parses the text once.
    return await loadWorkspaceTemplate(dir);
  } catch (err) {
    if (err instanceof TemplateError && err.line === undefined) throw new HostError('NotFound', err.message);
    throw err;
  }
}
