/**
 * Reads a SAM template's triggers: functions' Events of Type HttpApi and Api, their
 * FunctionUrlConfig (and AWS::Lambda::Url resources), and the AWS::Serverless::HttpApi /
 * AWS::Serverless::Api resources they attach to, with Globals.HttpApi, Globals.Api and
 * Globals.Function.FunctionUrlConfig applied as SAM applies them; and Events of Type Schedule
 * (EventBridge rules) and ScheduleV2 (EventBridge Scheduler).
 *
 * It reads the template the function loader parsed (template/parsed-template.ts), with an
 * intrinsic context and problem list of its own, so loading functions and loading triggers stay
 * independent without parsing the text twice. What cannot be served is reported with its
 * template line and left out; what is served but not enforced (authorizers, IAM auth of
 * Function URLs, routes in an OpenAPI DefinitionBody) is a warning. A schedule whose
 * expression is invalid is still listed, with its error, and never fires.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiDefinition, FunctionUrlTrigger, HttpRouteTrigger, HttpTriggerModel, PayloadFormat, RouteMethod, ScheduleTrigger } from '../../../shared/domain/triggers.js';
import { HTTP_METHODS } from '../../../shared/domain/triggers.js';
import { corsFromLists, corsFromRest } from '../../../shared/http/cors-config.js';
import { pathTemplateProblem } from '../../../shared/http/routes.js';
import { parseSchedule } from '../../../shared/schedule/index.js';
import type { TemplateLocator } from '../template/cfn-tags.js';
import { mergeGlobals, resolveValue, type IntrinsicContext } from '../template/intrinsics.js';
import { templateContext } from '../template/template-context.js';
import { ParsedTemplate } from '../template/parsed-template.js';
import { TEMPLATE_NAMES, type LoadOptions, type Workspace, type WorkspaceProblem } from './template-loader.js';
import type { StorageLoad } from '../../../shared/domain/storage.js';
import { readStorage } from './storage-loader.js';

export interface TriggerLoad extends HttpTriggerModel {
  schedules: ScheduleTrigger[];
  problems: WorkspaceProblem[];
  /** Buckets, tables, S3 and DynamoDB events (electron/triggers/storage/); absent when the template has none. */
  storage?: StorageLoad;
}

export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
export const IMPLICIT_REST_API = 'ServerlessRestApi';
/** API Gateway's integration timeouts: HTTP APIs up to 30 s (TimeoutInMillis), REST APIs 29 s. */
const HTTP_API_TIMEOUT_MS = 30_000;
const REST_API_TIMEOUT_MS = 29_000;
const AUTH_NOTE = 'faaslab does not enforce authorizers: every request reaches the function, with no requestContext.authorizer';

/** `source`: a loaded Workspace, a workspace folder, or a template file. */
export async function loadTriggers(source: string | Workspace, opts: LoadOptions = {}): Promise<TriggerLoad> {
  const templatePath = typeof source === 'string' ? await templateOf(path.resolve(source)) : source.templatePath;
  return readTriggers(await readFile(templatePath, 'utf8'), templatePath, opts);
}

/** The same from template text (a syntax error throws the loader's TemplateError). */
export function readTriggers(text: string, templatePath: string, opts: LoadOptions = {}): TriggerLoad {
  return readTemplateTriggers(new ParsedTemplate(text, templatePath), opts);
}

/** The same from a template already parsed (the one the workspace's functions were loaded from). */
export function readTemplateTriggers(template: ParsedTemplate, opts: LoadOptions = {}): TriggerLoad {
  return new TriggerReader(template.loc, template.sections(), opts).read();
}

async function templateOf(location: string): Promise<string> {
  if ((await stat(location)).isFile()) return location;
  for (const name of TEMPLATE_NAMES) {
    const candidate = path.join(location, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  throw new Error(`no template found in ${location} (looked for ${TEMPLATE_NAMES.join(', ')})`);
}

type Where = Array<string | number>;

class TriggerReader {
  private readonly problems: WorkspaceProblem[] = [];
  private readonly routes: HttpRouteTrigger[] = [];
  private readonly functionUrls: FunctionUrlTrigger[] = [];
  private readonly schedules: ScheduleTrigger[] = [];
  private readonly apis = new Map<string, ApiDefinition>();
  private readonly resources: Record<string, unknown>;
  private readonly globals: Record<string, unknown>;
  private readonly ctx: IntrinsicContext;

  constructor(
    private readonly loc: TemplateLocator,
    template: Record<string, unknown>,
    opts: LoadOptions,
  ) {
    this.resources = obj(template.Resources) ?? {};
    this.globals = obj(template.Globals) ?? {};
    this.ctx = templateContext(template, { parameterOverrides: opts.parameterOverrides });
  }

  read(): TriggerLoad {
    for (const [id, resource] of this.entries()) {
      if (resource.Type === 'AWS::Serverless::HttpApi') this.addApi(id, 'http-api', resource.Properties, false);
      if (resource.Type === 'AWS::Serverless::Api') this.addApi(id, 'rest-api', resource.Properties, false);
    }
    for (const [id, resource] of this.entries()) {
      if (resource.Type === 'AWS::Serverless::Function') this.readFunction(id, resource);
      if (resource.Type === 'AWS::Lambda::Url') this.readUrlResource(id, resource.Properties);
    }
    const readCtx = {
      resources: this.resources,
      resolve: (value: unknown, label: string, where: Where, logicalId?: string) => this.resolve(value, label, where, logicalId),
      report: (severity: WorkspaceProblem['severity'], message: string, where: Where, logicalId?: string) => this.report(severity, message, where, logicalId),
      line: (where: Where) => this.loc.line(where),
    };
    const storage = readStorage(readCtx);
    return { routes: this.routes, functionUrls: this.functionUrls, apis: [...this.apis.values()], schedules: this.schedules, problems: this.problems, ...(storage ? { storage } : {}) };
  }

  private *entries(): Generator<[string, Record<string, unknown>]> {
    for (const [id, resource] of Object.entries(this.resources)) {
      const r = obj(resource);
      if (r && typeof r.Type === 'string') yield [id, r];
    }
  }

  private report(severity: WorkspaceProblem['severity'], message: string, where: Where, logicalId?: string): void {
    // The nearest key that exists (an event without Properties has no Properties line).
    let line: number | undefined;
    for (let n = where.length; n > 0 && line === undefined; n--) line = this.loc.line(where.slice(0, n));
    this.problems.push({ ...(logicalId ? { logicalId } : {}), severity, message, line });
  }

  private resolve(value: unknown, label: string, where: Where, logicalId?: string): unknown {
    return resolveValue(value, this.ctx, (m) => this.report('warning', `${label}: ${m}`, where, logicalId));
  }

  /** An API resource, explicit or implicit, with its Globals section merged in. */
  private addApi(apiId: string, kind: ApiDefinition['kind'], rawProps: unknown, implicit: boolean): ApiDefinition {
    const section = kind === 'http-api' ? 'HttpApi' : 'Api';
    const where: Where = implicit ? ['Globals', section] : ['Resources', apiId];
    const merged = obj(mergeGlobals(this.globals[section], obj(rawProps) ?? {})) ?? {};
    // Only what serving needs is resolved: a DefinitionBody's !Sub of function ARNs would only add noise.
    const props: Record<string, unknown> = {};
    for (const key of ['StageName', 'CorsConfiguration', 'Cors', 'StageVariables', 'Variables', 'BinaryMediaTypes', 'Auth']) {
      if (merged[key] !== undefined) props[key] = this.resolve(merged[key], `${apiId}.${key}`, where);
    }
    const own = (key: string) => !implicit && this.loc.line(['Resources', apiId, 'Properties', key]) !== undefined;
    const at = (key: string): Where => (own(key) ? ['Resources', apiId, 'Properties', key] : ['Globals', section, key]);
    const stageName = typeof props.StageName === 'string' ? props.StageName : kind === 'http-api' ? '$default' : 'Prod';
    const corsKey = kind === 'http-api' ? 'CorsConfiguration' : 'Cors';
    const reading = kind === 'http-api' ? corsFromLists(props[corsKey], `${apiId}.${corsKey}`) : corsFromRest(props[corsKey], `${apiId}.${corsKey}`);
    for (const w of reading.warnings) this.report('warning', w, at(corsKey));
    const variables = obj(props[kind === 'http-api' ? 'StageVariables' : 'Variables']);
    const binary = kind === 'rest-api' && Array.isArray(props.BinaryMediaTypes) ? props.BinaryMediaTypes.filter((t): t is string => typeof t === 'string') : [];
    const api: ApiDefinition = {
      apiId,
      kind,
      stageName,
      implicit,
      // SAM escapes '/' as '~1' in BinaryMediaTypes (a JSON-pointer habit).
      binaryMediaTypes: binary.map((t) => t.replace(/~1/g, '/')),
      ...(reading.cors ? { cors: reading.cors } : {}),
      ...(variables ? { stageVariables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])) } : {}),
      ...(this.loc.line(where) ? { line: this.loc.line(where) } : {}),
    };
    const auth = obj(props.Auth);
    if (auth?.DefaultAuthorizer && auth.DefaultAuthorizer !== 'NONE') this.report('warning', `${apiId}: DefaultAuthorizer ${String(auth.DefaultAuthorizer)}: ${AUTH_NOTE}`, at('Auth'));
    if (merged.DefinitionBody !== undefined || merged.DefinitionUri !== undefined) {
      this.report(
        'warning',
        `${apiId}: routes defined only in its OpenAPI definition are not served; faaslab serves the routes of functions' ${section} events`,
        at(merged.DefinitionBody !== undefined ? 'DefinitionBody' : 'DefinitionUri'),
      );
    }
    this.apis.set(apiId, api);
    return api;
  }

  private readFunction(logicalId: string, resource: Record<string, unknown>): void {
    const base: Where = ['Resources', logicalId, 'Properties'];
    const props = obj(resource.Properties) ?? {};
    const events = obj(props.Events) ?? {};
    for (const [eventName, raw] of Object.entries(events)) {
      const event = obj(raw);
      if (event?.Type === 'HttpApi' || event?.Type === 'Api') this.readRoute(logicalId, eventName, event.Type, event.Properties, [...base, 'Events', eventName]);
      if (event?.Type === 'Schedule' || event?.Type === 'ScheduleV2') this.readSchedule(logicalId, eventName, event.Type, event.Properties, [...base, 'Events', eventName]);
    }
    const ignored = resource.IgnoreGlobals;
    const useGlobals = ignored !== '*' && !(Array.isArray(ignored) && ignored.includes('FunctionUrlConfig'));
    const global = useGlobals ? obj(this.globals.Function)?.FunctionUrlConfig : undefined;
    const config = mergeGlobals(global, props.FunctionUrlConfig);
    if (config === undefined || config === null) return;
    const where: Where = props.FunctionUrlConfig !== undefined ? [...base, 'FunctionUrlConfig'] : ['Globals', 'Function', 'FunctionUrlConfig'];
    this.addFunctionUrl(logicalId, this.resolve(config, 'FunctionUrlConfig', where, logicalId), where);
  }

  private readRoute(logicalId: string, eventName: string, type: 'HttpApi' | 'Api', rawProps: unknown, where: Where): void {
    const props = obj(this.resolve(rawProps ?? {}, `Events.${eventName}`, where, logicalId)) ?? {};
    const kind = type === 'HttpApi' ? 'http-api' : 'rest-api';
    const fail = (message: string, key?: string) =>
      this.report('error', `Events.${eventName}: ${message}; this route is not served`, key && props[key] !== undefined ? [...where, 'Properties', key] : where, logicalId);
    const apiKey = type === 'HttpApi' ? 'ApiId' : 'RestApiId';
    let apiId = type === 'HttpApi' ? IMPLICIT_HTTP_API : IMPLICIT_REST_API;
    if (props[apiKey] !== undefined) {
      const ref = props[apiKey];
      const wanted = type === 'HttpApi' ? 'AWS::Serverless::HttpApi' : 'AWS::Serverless::Api';
      if (typeof ref !== 'string' || obj(this.resources[ref])?.Type !== wanted) return fail(`${apiKey} must be a !Ref to an ${wanted} of this template, got ${JSON.stringify(ref)}`, apiKey);
      apiId = ref;
    }
    let routePath = typeof props.Path === 'string' ? props.Path : undefined;
    let method = typeof props.Method === 'string' ? props.Method.toUpperCase() : undefined;
    if (type === 'Api' && (!routePath || !method)) return fail(`an Api event needs both Path and Method`, routePath ? 'Method' : 'Path');
    if (routePath === undefined) {
      // SAM: an HttpApi event without a Path is the API's $default route, whatever the method.
      if (method !== undefined) this.report('warning', `Events.${eventName}: Method is ignored without a Path: the route is $default`, [...where, 'Properties', 'Method'], logicalId);
      routePath = '$default';
      method = 'ANY';
    }
    method ??= 'ANY';
    if (kind === 'rest-api' && routePath === '$default') return fail('$default is an HTTP API route; a REST API needs a path', 'Path');
    const pathProblem = pathTemplateProblem(routePath);
    if (pathProblem) return fail(pathProblem, 'Path');
    if (method !== 'ANY' && !(HTTP_METHODS as readonly string[]).includes(method)) return fail(`Method "${props.Method as string}" is not an HTTP method (or ANY)`, 'Method');
    let payloadFormat: PayloadFormat = kind === 'http-api' ? '2.0' : '1.0';
    if (kind === 'http-api' && props.PayloadFormatVersion !== undefined) {
      const v = String(props.PayloadFormatVersion);
      if (v !== '1.0' && v !== '2.0') return fail(`PayloadFormatVersion must be "1.0" or "2.0", got ${JSON.stringify(props.PayloadFormatVersion)}`, 'PayloadFormatVersion');
      payloadFormat = v;
    }
    let timeoutMs = kind === 'http-api' ? HTTP_API_TIMEOUT_MS : REST_API_TIMEOUT_MS;
    if (kind === 'http-api' && props.TimeoutInMillis !== undefined) {
      const n = Number(props.TimeoutInMillis);
      if (Number.isInteger(n) && n >= 50 && n <= HTTP_API_TIMEOUT_MS) timeoutMs = n;
      else this.report('warning', `Events.${eventName}: TimeoutInMillis must be 50 to 30000; using 30000`, [...where, 'Properties', 'TimeoutInMillis'], logicalId);
    }
    const auth = obj(props.Auth);
    if (auth && ((auth.Authorizer !== undefined && auth.Authorizer !== 'NONE') || auth.ApiKeyRequired === true)) {
      this.report('warning', `Events.${eventName}: ${auth.ApiKeyRequired === true ? 'ApiKeyRequired is not checked either; ' : ''}${AUTH_NOTE}`, [...where, 'Properties', 'Auth'], logicalId);
    }
    if (!this.apis.has(apiId)) this.addApi(apiId, kind, undefined, true);
    const route: HttpRouteTrigger = { kind, logicalId, eventName, apiId, method: method as RouteMethod, path: routePath, payloadFormat, timeoutMs };
    const line = this.loc.line(where);
    if (line) route.line = line;
    const same = this.routes.find((r) => r.method === route.method && r.path === route.path && (r.apiId === apiId || r.path === '$default' || route.path === '$default'));
    if (same) return fail(`${routeName(route)} is already served by ${same.logicalId} (event ${same.eventName})${same.apiId === apiId ? '' : `: faaslab serves every API on one port`}`);
    const shadow = this.routes.find((r) => r.method === route.method && r.path === route.path);
    if (shadow)
      this.report('warning', `Events.${eventName}: ${routeName(route)} is also a route of ${shadow.apiId}; faaslab serves every API on one port, so ${shadow.logicalId} answers it`, where, logicalId);
    this.routes.push(route);
  }

  /**
   * Schedule: Schedule, Enabled or State, Input, Name. ScheduleV2: ScheduleExpression,
   * ScheduleExpressionTimezone, State, Input, Name (FlexibleTimeWindow, StartDate, ... are not
   * simulated: faaslab fires at the exact time).
   */
  private readSchedule(logicalId: string, eventName: string, type: 'Schedule' | 'ScheduleV2', rawProps: unknown, where: Where): void {
    const props = obj(this.resolve(rawProps ?? {}, `Events.${eventName}`, where, logicalId)) ?? {};
    const at = (key: string): Where => (props[key] !== undefined ? [...where, 'Properties', key] : where);
    const exprKey = type === 'Schedule' ? 'Schedule' : 'ScheduleExpression';
    const expression = props[exprKey];
    const trigger: ScheduleTrigger = { kind: 'schedule', logicalId, eventName, type, expression: typeof expression === 'string' ? expression : '', enabled: true };
    const line = this.loc.line(where);
    if (line) trigger.line = line;
    const invalid = (message: string, key: string) => {
      trigger.error ??= message;
      this.report('error', `Events.${eventName}: ${message}; this schedule never fires`, at(key), logicalId);
    };
    const warn = (message: string, key: string) => this.report('warning', `Events.${eventName}: ${message}`, at(key), logicalId);
    const forms = type === 'Schedule' ? 'rate(...) or cron(...)' : 'rate(...), cron(...) or at(...)';
    if (typeof expression !== 'string') invalid(`${exprKey} must be a schedule expression, ${forms}`, exprKey);
    const zone = props.ScheduleExpressionTimezone;
    if (type === 'ScheduleV2' && zone !== undefined) {
      if (typeof zone === 'string') trigger.timezone = zone;
      else invalid('ScheduleExpressionTimezone must be an IANA time zone name', 'ScheduleExpressionTimezone');
    }
    if (!trigger.error) {
      const parsed = parseSchedule(trigger.expression, { dialect: type === 'Schedule' ? 'rule' : 'scheduler', timezone: trigger.timezone });
      if (!parsed.ok) invalid(parsed.error.message, trigger.timezone !== undefined && /time zone/.test(parsed.error.message) ? 'ScheduleExpressionTimezone' : exprKey);
    }
    const state = props.State;
    if (state !== undefined) {
      if (state === 'DISABLED') trigger.enabled = false;
      else if (state !== 'ENABLED' && state !== 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS')
        warn(`State must be ENABLED or DISABLED, got ${JSON.stringify(state)}; faaslab treats it as ENABLED`, 'State');
    }
    if (type === 'Schedule' && props.Enabled !== undefined) {
      if (state !== undefined) warn('give Enabled or State, not both (SAM refuses both); faaslab follows State', 'Enabled');
      else trigger.enabled = String(props.Enabled).toLowerCase() !== 'false';
    }
    if (props.Input !== undefined) {
      const text = typeof props.Input === 'string' ? props.Input : JSON.stringify(props.Input);
      if (typeof props.Input !== 'string') warn('Input should be JSON text (a string), as SAM passes it on unchanged', 'Input');
      try {
        JSON.parse(text);
        trigger.input = text;
      } catch (err) {
        invalid(`Input is not valid JSON: ${(err as Error).message}`, 'Input');
      }
    }
    if (typeof props.Name === 'string' && props.Name !== '') trigger.name = props.Name;
    this.schedules.push(trigger);
  }

  private addFunctionUrl(logicalId: string, value: unknown, where: Where): void {
    const config = obj(value);
    if (!config) return this.report('error', 'FunctionUrlConfig must be a map with AuthType; the Function URL is not served', where, logicalId);
    const authType = config.AuthType;
    if (authType !== 'NONE' && authType !== 'AWS_IAM') {
      return this.report('error', `FunctionUrlConfig.AuthType must be NONE or AWS_IAM, got ${JSON.stringify(authType)}; the Function URL is not served`, where, logicalId);
    }
    const invokeMode = config.InvokeMode === undefined ? 'BUFFERED' : config.InvokeMode;
    if (invokeMode !== 'BUFFERED' && invokeMode !== 'RESPONSE_STREAM') {
      return this.report('error', `FunctionUrlConfig.InvokeMode must be BUFFERED or RESPONSE_STREAM, got ${JSON.stringify(invokeMode)}; the Function URL is not served`, where, logicalId);
    }
    if (authType === 'AWS_IAM') this.report('warning', 'FunctionUrlConfig.AuthType AWS_IAM is not enforced: faaslab does not check SigV4 signatures', where, logicalId);
    if (invokeMode === 'RESPONSE_STREAM') {
      this.report('warning', 'FunctionUrlConfig.InvokeMode RESPONSE_STREAM: faaslab sends the response when the function ends, not as it streams', where, logicalId);
    }
    const reading = corsFromLists(config.Cors, 'FunctionUrlConfig.Cors');
    for (const w of reading.warnings) this.report('warning', w, where, logicalId);
    if (this.functionUrls.some((u) => u.logicalId === logicalId)) return this.report('error', `${logicalId} already has a Function URL; a function has one`, where, logicalId);
    const trigger: FunctionUrlTrigger = { kind: 'function-url', logicalId, authType, invokeMode, ...(reading.cors ? { cors: reading.cors } : {}) };
    const line = this.loc.line(where);
    if (line) trigger.line = line;
    this.functionUrls.push(trigger);
  }

  /** AWS::Lambda::Url, CloudFormation's own Function URL: TargetFunctionArn names the function. */
  private readUrlResource(id: string, rawProps: unknown): void {
    const where: Where = ['Resources', id];
    const props = obj(this.resolve(rawProps ?? {}, id, where)) ?? {};
    const target = props.TargetFunctionArn;
    const getAtt = obj(target)?.['Fn::GetAtt'];
    const fn = typeof target === 'string' ? target : Array.isArray(getAtt) && getAtt[1] === 'Arn' ? getAtt[0] : undefined;
    const type = typeof fn === 'string' ? obj(this.resources[fn])?.Type : undefined;
    if (typeof fn !== 'string' || (type !== 'AWS::Serverless::Function' && type !== 'AWS::Lambda::Function')) {
      return this.report('error', `${id}: TargetFunctionArn must be !GetAtt <Function>.Arn or !Ref <Function> of this template; the Function URL is not served`, [
        ...where,
        'Properties',
        'TargetFunctionArn',
      ]);
    }
    if (props.Qualifier !== undefined) this.report('warning', `${id}: Qualifier is ignored; faaslab runs $LATEST`, [...where, 'Properties', 'Qualifier'], fn);
    this.addFunctionUrl(fn, props, where);
  }
}

function routeName(route: HttpRouteTrigger): string {
  return route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
