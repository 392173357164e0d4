/**
 * Local resolution of CloudFormation intrinsic functions (long forms, as cfn-tags' toJS gives).
 *
 * Like `sam local`, only what can be known without a deployed stack is resolved: parameters,
 * pseudo parameters, Ref to a resource (its logical id), Sub, Join, Select, Split, FindInMap,
 * Base64, and If over conditions built from Equals/And/Or/Not. Everything else (GetAtt,
 * ImportValue, ...) is handed back unresolved rather than guessed, and nothing here throws for a
 * valid template: the loader decides what an unresolved value means where it lands.
 */
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../../shared/lambda/limits.js';

export type ParameterValue = string | number | string[];

export interface IntrinsicContext {
  /** Parameter values by name: Default, or an override. A missing name stays unresolved. */
  parameters: Record<string, ParameterValue>;
  region: string;
  accountId: string;
  stackName: string;
  /** Logical ids of the template's resources: Ref to one gives its id, as `sam local` does. */
  resources: ReadonlySet<string>;
  /** The template's Conditions section (long forms). */
  conditions: Record<string, unknown>;
  /** The template's Mappings section. */
  mappings: Record<string, unknown>;
  /**
   * What Ref and GetAtt give for resources, as a deployed stack gives them (resource-refs.ts);
   * without it Ref gives the logical id, as `sam local` does, which is what the loaders that
   * look resources up by reference need.
   */
  refs?: ReadonlyMap<string, ResourceRef>;
}

export interface ResourceRef {
  /** What Ref gives. */
  ref: string;
  /** What GetAtt gives, by attribute name. */
  attrs: Record<string, string>;
}

/** `sam local`'s stack name, so ${AWS::StackName} reads the same in both tools. */
export const DEFAULT_STACK_NAME = 'local';

export function createContext(init: Partial<Omit<IntrinsicContext, 'resources'>> & { resources?: Iterable<string> } = {}): IntrinsicContext {
  return {
    parameters: init.parameters ?? {},
    region: init.region ?? DEFAULT_REGION,
    accountId: init.accountId ?? DEFAULT_ACCOUNT_ID,
    stackName: init.stackName ?? DEFAULT_STACK_NAME,
    resources: new Set(init.resources ?? []),
    conditions: init.conditions ?? {},
    mappings: init.mappings ?? {},
  };
}

export interface ParameterIssue {
  name: string;
  message: string;
}

/**
 * Parameter values from the template's Parameters section: an override wins over Default, as
 * with `sam local --parameter-overrides`. List types become arrays (Ref gives a list), every
 * other type a string (CloudFormation hands even a Number parameter to Ref as text).
 */
export function parameterValues(
  declarations: Record<string, unknown>,
  overrides: Record<string, string> = {},
): {
  values: Record<string, ParameterValue>;
  issues: ParameterIssue[];
} {
  const values: Record<string, ParameterValue> = {};
  const issues: ParameterIssue[] = [];
  for (const [name, decl] of Object.entries(declarations)) {
    if (!isPlainObject(decl)) continue;
    const type = typeof decl.Type === 'string' ? decl.Type : 'String';
    const raw = Object.hasOwn(overrides, name) ? overrides[name] : decl.Default;
    if (raw === undefined || raw === null) {
      issues.push({ name, message: `Parameter ${name} has no Default: give it a value in the parameter overrides` });
      continue;
    }
    const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    values[name] = isList ? text.split(',') : text;
    if (type === 'Number' && !isNumericText(text)) {
      issues.push({ name, message: `Parameter ${name} is a Number but its value "${text}" is not a number` });
    }
    const allowed = Array.isArray(decl.AllowedValues) ? decl.AllowedValues.map(String) : undefined;
    if (allowed && !(isList ? text.split(',') : [text]).every((v) => allowed.includes(v))) {
      issues.push({ name, message: `Parameter ${name} value "${text}" is not one of its AllowedValues (${allowed.join(', ')})` });
    }
  }
  return { values, issues };
}

/**
 * SAM's Globals merge: maps merge key by key (recursively, the resource winning), lists
 * concatenate (globals first), and anything else, an intrinsic function or a type mismatch,
 * takes the resource's value. Intrinsics count as scalars: they resolve to one on deploy.
 */
export function mergeGlobals(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isPlainObject(global) && isPlainObject(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local)) merged[key] = mergeGlobals(global[key], value);
    return merged;
  }
  return local;
}

/** A number written as text, as a Number parameter or a Ref to one gives it. */
export function isNumericText(text: string): boolean {
  return /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(text);
}

/** Reports a part left unresolved inside a value that otherwise resolved (a Sub variable). */
export type UnresolvedReporter = (message: string) => void;

const NO_VALUE = Symbol('AWS::NoValue');

/** A single-key map naming a function: Ref, Condition or Fn::*. (Not a type guard: a map that is not one is still a map.) */
export function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'));
}

/**
 * A resolved scalar as CloudFormation passes it to a string property: numbers and booleans by
 * their text (true -> "true"), null as "". Undefined for lists, maps and unresolved intrinsics.
 */
export function scalarText(value: unknown): string | undefined {
  if (value === null) return '';
  return isScalar(value) ? String(value) : undefined;
}

/** True when an intrinsic function is left anywhere inside `value`. */
export function containsIntrinsic(value: unknown): boolean {
  if (isIntrinsic(value)) return true;
  if (Array.isArray(value)) return value.some(containsIntrinsic);
  if (isPlainObject(value)) return Object.values(value).some(containsIntrinsic);
  return false;
}

/**
 * Resolves every intrinsic it can inside `value`. Returns undefined when the value is
 * `Ref: AWS::NoValue` (or an If choosing it); inside maps and lists such entries are removed.
 */
export function resolveValue(value: unknown, ctx: IntrinsicContext, report?: UnresolvedReporter): unknown {
  const out = new Resolver(ctx, report).resolve(value);
  return out === NO_VALUE ? undefined : out;
}

/** true/false when the named condition can be decided locally, undefined otherwise. */
export function evaluateCondition(name: string, ctx: IntrinsicContext): boolean | undefined {
  return new Resolver(ctx).condition(name);
}

export function pseudoParameter(name: string, ctx: IntrinsicContext): string | undefined {
  const china = ctx.region.startsWith('cn-');
  switch (name) {
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::StackId':
      return `arn:${partition(ctx.region)}:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName}/51af3dc0-da77-11e4-872e-1234567db123`;
    case 'AWS::Partition':
      return partition(ctx.region);
    case 'AWS::URLSuffix':
      return china ? 'amazonaws.com.cn' : 'amazonaws.com';
    default:
      return undefined;
  }
}

function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

class Resolver {
  // Conditions may reference each other; 'pending' breaks a cycle instead of recursing forever.
  private readonly conditionCache = new Map<string, boolean | undefined | 'pending'>();

  constructor(
    private readonly ctx: IntrinsicContext,
    private readonly report: UnresolvedReporter = () => {},
  ) {}

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    if (!isPlainObject(value)) return value;
    if (isIntrinsic(value)) {
      const [key, arg] = Object.entries(value)[0]!;
      return this.intrinsic(key, arg, value);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(key: string, arg: unknown, original: Record<string, unknown>): unknown {
    switch (key) {
      case 'Ref':
        return this.ref(arg) ?? original;
      case 'Fn::Sub':
        return this.sub(arg) ?? { [key]: arg };
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::If':
        return this.if(arg, original);
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::Base64': {
        const s = this.resolve(arg);
        return isScalar(s) ? Buffer.from(String(s), 'utf8').toString('base64') : { [key]: s };
      }
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(/\.(.*)/s) : [];
        return (typeof id === 'string' && typeof attr === 'string' && this.ctx.refs?.get(id)?.attrs[attr]) || original;
      }
      default:
        // ImportValue, GetAZs, Cidr, Transform, and GetAtt without refs: known only to a deployed stack.
        return original;
    }
  }

  private ref(name: unknown): unknown {
    if (typeof name !== 'string') return undefined;
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = pseudoParameter(name, this.ctx);
    if (pseudo !== undefined) return pseudo;
    if (Object.hasOwn(this.ctx.parameters, name)) return this.ctx.parameters[name];
    const deployed = this.ctx.refs?.get(name);
    if (deployed) return deployed.ref;
    if (this.ctx.resources.has(name)) return name;
    return undefined;
  }

  private sub(arg: unknown): string | undefined {
    let template: unknown = arg;
    let vars: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2 || !isPlainObject(arg[1])) return undefined;
      template = arg[0];
      vars = arg[1];
    }
    if (typeof template !== 'string') return undefined;
    return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      // ${!Literal} is CloudFormation's escape for a literal ${Literal}.
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let value: unknown;
      if (Object.hasOwn(vars, name)) value = this.resolve(vars[name]);
      else if (!name.includes('.')) value = this.ref(name);
      else value = this.ctx.refs?.get(name.slice(0, name.indexOf('.')))?.attrs[name.slice(name.indexOf('.') + 1)];
      if (isScalar(value)) return String(value);
      this.report(
        name.includes('.') && !Object.hasOwn(vars, name) ? `\${${name}} is an attribute known only to a deployed stack; kept as text` : `\${${name}} cannot be resolved locally; kept as text`,
      );
      return whole;
    });
  }

  private join(arg: unknown): unknown {
    const resolved = this.resolve(arg);
    if (Array.isArray(resolved) && resolved.length === 2) {
      const [delimiter, list] = resolved;
      if (typeof delimiter === 'string' && Array.isArray(list) && list.every(isScalar)) {
        return list.map(String).join(delimiter);
      }
    }
    return { 'Fn::Join': resolved };
  }

  private select(arg: unknown): unknown {
    const resolved = this.resolve(arg);
    if (Array.isArray(resolved) && resolved.length === 2) {
      const [index, list] = resolved;
      const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : NaN;
      if (Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length) return list[i];
    }
    return { 'Fn::Select': resolved };
  }

  private split(arg: unknown): unknown {
    const resolved = this.resolve(arg);
    if (Array.isArray(resolved) && resolved.length === 2) {
      const [delimiter, source] = resolved;
      if (typeof delimiter === 'string' && delimiter !== '' && typeof source === 'string') return source.split(delimiter);
    }
    return { 'Fn::Split': resolved };
  }

  private if(arg: unknown, original: Record<string, unknown>): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return original;
    const chosen = this.condition(arg[0]);
    // An undecidable condition keeps the whole If as written: picking a branch would be a guess.
    if (chosen === undefined) return original;
    return this.resolve(chosen ? arg[1] : arg[2]);
  }

  private findInMap(arg: unknown): unknown {
    const resolved = this.resolve(arg);
    if (Array.isArray(resolved) && resolved.length >= 3 && resolved.slice(0, 3).every(isScalar)) {
      const [map, top, second] = resolved.map(String);
      const level1 = this.ctx.mappings[map!];
      const level2 = isPlainObject(level1) ? level1[top!] : undefined;
      if (isPlainObject(level2) && Object.hasOwn(level2, second!)) return this.resolve(level2[second!]);
    }
    return { 'Fn::FindInMap': resolved };
  }

  condition(name: string): boolean | undefined {
    const cached = this.conditionCache.get(name);
    if (cached === 'pending') return undefined;
    if (this.conditionCache.has(name)) return cached;
    if (!Object.hasOwn(this.ctx.conditions, name)) return undefined;
    this.conditionCache.set(name, 'pending');
    const result = this.evaluate(this.ctx.conditions[name]);
    this.conditionCache.set(name, result);
    return result;
  }

  /** Three-valued: undefined means "depends on something only a deployed stack knows". */
  private evaluate(expr: unknown): boolean | undefined {
    if (!isPlainObject(expr) || !isIntrinsic(expr)) return undefined;
    const [key, arg] = Object.entries(expr)[0]!;
    switch (key) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : undefined;
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const [a, b] = arg.map((v) => this.resolve(v));
        // CloudFormation compares the string forms: 1 equals "1".
        return isScalar(a) && isScalar(b) ? String(a) === String(b) : undefined;
      }
      case 'Fn::Not': {
        if (!Array.isArray(arg) || arg.length !== 1) return undefined;
        const inner = this.evaluate(arg[0]);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const decisive = key === 'Fn::Or';
        const results = arg.map((c) => this.evaluate(c));
        // One decisive operand settles it even when others are unknown (false AND ?, true OR ?).
        if (results.includes(decisive)) return decisive;
        return results.includes(undefined) ? undefined : !decisive;
      }
      default:
        return undefined;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
