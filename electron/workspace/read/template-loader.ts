/**
 * Loads a workspace: the SAM template in a folder, turned into the FunctionConfigs the engine
 * runs. A template CloudFormation would reject outright throws a TemplateError; a function that
 * Lambda would refuse gets 'error' problems (the engine will not invoke it) while the rest of
 * the workspace still loads.
 */
import { resourceRefs } from '../template/resource-refs.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap } from 'yaml';
import type { FunctionConfig } from '../../../shared/domain/function-config.js';
import { TemplateError, type TemplateLocator } from '../template/cfn-tags.js';
import { createContext, evaluateCondition, mergeGlobals, parameterValues, type IntrinsicContext } from '../template/intrinsics.js';
import { ParsedTemplate } from '../template/parsed-template.js';
import { readLayers } from './layer-reader.js';
import { buildFunction, type FunctionSource } from './function-reader.js';

export { TemplateError } from '../template/cfn-tags.js';

export interface WorkspaceProblem {
  logicalId?: string;
  severity: 'error' | 'warning';
  message: string;
  line?: number;
}

export interface Workspace {
  dir: string;
  templatePath: string;
  functions: FunctionConfig[];
  problems: WorkspaceProblem[];
}

export interface LoadOptions {
  /** As `sam local --parameter-overrides`; AWS::Region, AWS::AccountId and AWS::StackName too. */
  parameterOverrides?: Record<string, string>;
}

export const TEMPLATE_NAMES = ['template.yaml', 'template.yml', 'template.json'] as const;

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export async function loadWorkspace(dir: string, opts: LoadOptions = {}): Promise<Workspace> {
  return (await loadWorkspaceTemplate(dir, opts)).ws;
}

/** The workspace and the parsed template it came from (its text too), so callers need not read nor parse it again. */
export async function loadWorkspaceTemplate(dir: string, opts: LoadOptions = {}): Promise<{ ws: Workspace; template: ParsedTemplate }> {
  const root = path.resolve(dir);
  const templatePath = await findTemplate(root);
  const parsed = new ParsedTemplate(await readFile(templatePath, 'utf8'), templatePath);
  const { doc, loc, lineCounter } = parsed;
  // YAML warnings, such as a tag CloudFormation does not know, do not stop the load.
  const problems: WorkspaceProblem[] = doc.warnings.map((w) => ({ severity: 'warning', message: w.message, line: Math.max(lineCounter.linePos(w.pos[0]).line, 1) }));

  const template = toTemplateObject(parsed);
  const resources = template.Resources;
  const ctx = buildContext(template, opts.parameterOverrides ?? {}, loc, problems);
  const globals = readGlobals(template, loc, problems);

  const sources: FunctionSource[] = [];
  const layers = await readLayers(resources, root, loc, problems);
  for (const [logicalId, resource] of Object.entries(resources)) {
    const where = ['Resources', logicalId];
    if (!isObject(resource)) throw loc.error(`Resources.${logicalId} must be a map with a Type`, where);
    if (resource.Type === undefined) throw loc.error(`Resources.${logicalId} has no Type`, where);
    if (typeof resource.Type !== 'string') throw loc.error(`Resources.${logicalId}.Type must be a string`, [...where, 'Type']);
    const props = resource.Properties ?? {};
    if (!isObject(props)) throw loc.error(`Resources.${logicalId}.Properties must be a map`, [...where, 'Properties']);
    if (!FUNCTION_TYPES.has(resource.Type)) continue;
    const serverless = resource.Type === 'AWS::Serverless::Function';
    sources.push({
      logicalId,
      serverless,
      properties: serverless ? (mergeGlobals(ignoreGlobals(globals, resource.IgnoreGlobals), props) as Record<string, unknown>) : props,
      line: loc.line(where),
      ...(isObject(resource.Metadata) ? { metadata: resource.Metadata } : {}),
      lineOf: (property) => loc.line([...where, 'Properties', ...property]) ?? (serverless ? loc.line(['Globals', 'Function', ...property]) : undefined),
    });
    // Still loaded, so it can be run and its condition fixed; but say it would not be deployed.
    if (typeof resource.Condition === 'string' && evaluateCondition(resource.Condition, ctx) === false) {
      const message = `Condition ${resource.Condition} is false with these parameter values: a deployed stack would not create this function`;
      problems.push({ logicalId, severity: 'warning', message, line: loc.line([...where, 'Condition']) });
    }
  }

  if (sources.some((s) => s.serverless) && !hasSamTransform(template.Transform)) {
    problems.push({ severity: 'warning', message: `Transform: ${SAM_TRANSFORM} is missing: sam deploy needs it for AWS::Serverless resources`, line: 1 });
  }

  const functions: FunctionConfig[] = [];
  const refs = resourceRefs(resources, ctx);
  for (const source of sources) functions.push(await buildFunction(source, root, ctx, problems, layers, refs));
  flagDuplicateNames(functions, sources, problems);
  return { ws: { dir: root, templatePath, functions, problems }, template: parsed };
}

/** Matches a logical id first, then a FunctionName, as `sam local invoke <name>` does. */
export function findFunction(ws: Workspace, nameOrId: string): FunctionConfig | undefined {
  return ws.functions.find((f) => f.logicalId === nameOrId) ?? ws.functions.find((f) => f.functionName === nameOrId);
}

/** Names of a function's 'error' problems: non-empty means the engine must refuse to invoke it. */
export function functionErrors(ws: Workspace, logicalId: string): string[] {
  return ws.problems.filter((p) => p.logicalId === logicalId && p.severity === 'error').map((p) => p.message);
}

/** The configuration errors of each function, which the engine refuses to run. */
export function problemsByFunction(ws: Workspace): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of ws.problems) {
    if (p.severity !== 'error' || !p.logicalId) continue;
    (out[p.logicalId] ??= []).push(p.line ? `${p.message} (template line ${p.line})` : p.message);
  }
  return out;
}

async function findTemplate(root: string): Promise<string> {
  for (const name of TEMPLATE_NAMES) {
    const candidate = path.join(root, name);
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  throw new TemplateError(`no template found in ${root} (looked for ${TEMPLATE_NAMES.join(', ')})`, root);
}

interface TemplateObject extends Record<string, unknown> {
  Resources: Record<string, unknown>;
}

function toTemplateObject(parsed: ParsedTemplate): TemplateObject {
  const { doc, loc } = parsed;
  if (doc.contents === null) throw loc.error('the template is empty', []);
  if (!isMap(doc.contents)) throw loc.error('the template must be a map of sections (Resources, Parameters, ...)', []);
  let template: unknown;
  try {
    template = parsed.toJS();
  } catch (err) {
    // Only an alias bomb gets here: the syntax was already checked.
    throw loc.error(err instanceof Error ? err.message : String(err), []);
  }
  if (!isObject(template)) throw loc.error('the template must be a map of sections', []);
  for (const section of ['Parameters', 'Globals', 'Conditions', 'Mappings']) {
    const value = template[section];
    if (value !== undefined && value !== null && !isObject(value)) throw loc.error(`${section} must be a map`, [section]);
  }
  if (template.Resources === undefined) throw loc.error('Resources is missing: a template needs at least one resource', []);
  if (!isObject(template.Resources)) throw loc.error('Resources must be a map of logical ids to resources', ['Resources']);
  return template as TemplateObject;
}

function buildContext(template: TemplateObject, overrides: Record<string, string>, loc: TemplateLocator, problems: WorkspaceProblem[]): IntrinsicContext {
  const declared = isObject(template.Parameters) ? template.Parameters : {};
  for (const name of Object.keys(declared)) {
    if (!isObject(declared[name])) throw loc.error(`Parameters.${name} must be a map with a Type`, ['Parameters', name]);
  }
  const { values, issues } = parameterValues(declared, overrides);
  for (const { name, message } of issues) problems.push({ severity: 'warning', message, line: loc.line(['Parameters', name]) });
  // Overrides naming no declared parameter are ignored, as sam does: one env-vars file often
  // serves several templates.
  return createContext({
    parameters: values,
    region: overrides['AWS::Region'],
    accountId: overrides['AWS::AccountId'],
    stackName: overrides['AWS::StackName'],
    resources: Object.keys(template.Resources),
    conditions: isObject(template.Conditions) ? template.Conditions : {},
    mappings: isObject(template.Mappings) ? template.Mappings : {},
  });
}

/** SAM's list of properties a Globals.Function section may set (sam deploy refuses others). */
const GLOBAL_FUNCTION_PROPERTIES = new Set([
  'Handler',
  'Runtime',
  'CodeUri',
  'DeadLetterQueue',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Environment',
  'Tags',
  'PropagateTags',
  'Tracing',
  'KmsKeyArn',
  'AutoPublishAlias',
  'AutoPublishAliasAllProperties',
  'Layers',
  'DeploymentPreference',
  'RolePath',
  'PermissionsBoundary',
  'ReservedConcurrentExecutions',
  'ProvisionedConcurrencyConfig',
  'AssumeRolePolicyDocument',
  'EventInvokeConfig',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'Architectures',
  'SnapStart',
  'EphemeralStorage',
  'FunctionUrlConfig',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'SourceKMSKeyArn',
]);

function readGlobals(template: TemplateObject, loc: TemplateLocator, problems: WorkspaceProblem[]): Record<string, unknown> {
  const section = isObject(template.Globals) ? template.Globals.Function : undefined;
  if (section === undefined || section === null) return {};
  if (!isObject(section)) throw loc.error('Globals.Function must be a map', ['Globals', 'Function']);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (GLOBAL_FUNCTION_PROPERTIES.has(key)) kept[key] = value;
    else problems.push({ severity: 'warning', message: `Globals.Function.${key} is not a property SAM accepts in Globals; ignored`, line: loc.line(['Globals', 'Function', key]) });
  }
  return kept;
}

/** The resource attribute IgnoreGlobals: "*" or a list of property names. */
function ignoreGlobals(globals: Record<string, unknown>, ignore: unknown): Record<string, unknown> {
  if (ignore === '*') return {};
  if (!Array.isArray(ignore)) return globals;
  return Object.fromEntries(Object.entries(globals).filter(([key]) => !ignore.includes(key)));
}

function hasSamTransform(transform: unknown): boolean {
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}

function flagDuplicateNames(functions: FunctionConfig[], sources: FunctionSource[], problems: WorkspaceProblem[]): void {
  functions.forEach((fn, i) => {
    const other = functions.find((o, j) => j !== i && o.functionName === fn.functionName);
    if (!other) return;
    const message = `FunctionName "${fn.functionName}" is also the name of ${other.logicalId}: Lambda function names are unique`;
    problems.push({ logicalId: fn.logicalId, severity: 'error', message, line: sources[i]!.lineOf(['FunctionName']) ?? sources[i]!.line });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
