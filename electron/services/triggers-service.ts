/**
 * triggers.* and schedules.*: what the workspace declares and where it is served, adding
 * HTTP, Schedule, SQS, SNS, S3 and DynamoDB events to template.yaml and removing any event (in
 * place: only the event's lines change), and switching or firing schedules.
 */
import { randomUUID } from 'node:crypto';
import { isMap, isScalar } from 'yaml';
import type { Input } from '../../shared/api/contract.js';
import { defaultTriggerEventName } from '../../shared/api/trigger-event-schemas.js';
import { DEFAULT_ROUTE, pathTemplateProblem } from '../../shared/http/routes.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import type { TemplateEditor } from '../workspace/edit/template-edit.js';
import { checkEvent, eventBody as triggerEventBody } from './trigger-events.js';

type AddHttp = Required<Omit<Input<'triggers.addHttp'>, 'eventName'>>;

export function setupTriggers(registry: Registry, ctx: HostContext): void {
  registry.register('triggers.list', async () => ctx.session().triggers.info());

  registry.register('triggers.addHttp', async (input) => {
    const session = ctx.session();
    session.fn(input.logicalId);
    checkRoute(input);
    const taken = session.triggers.routes().find((r) => r.method === input.method && r.path === input.path);
    if (taken)
      throw new HostError('Conflict', `${routeName(input)} is already a route of ${taken.logicalId} (event ${taken.eventName}); faaslab serves every API on one port`, { path: 'already a route' });
    await session.editTemplate((editor) => {
      const eventsPath = ['Resources', input.logicalId, 'Properties', 'Events'];
      const names = eventNames(editor, input.logicalId);
      const name = input.eventName ?? uniqueName(defaultEventName(input.method, input.path), names);
      if (names.includes(name)) throw new HostError('Conflict', `${input.logicalId} already has an event named ${name}`, { eventName: 'already used' });
      editor.set([...eventsPath, name], eventBody(input, methodStyle(editor)));
    });
    return session.triggers.info();
  });

  registry.register('triggers.addEvent', async ({ logicalId, eventName, event }) => {
    const session = ctx.session();
    session.fn(logicalId);
    await session.editTemplate((editor) => {
      const names = eventNames(editor, logicalId);
      const name = eventName ?? uniqueName(defaultTriggerEventName(event), names);
      if (names.includes(name)) throw new HostError('Conflict', `${logicalId} already has an event named ${name}`, { eventName: 'already used' });
      checkEvent(editor, event);
      editor.set(['Resources', logicalId, 'Properties', 'Events', name], triggerEventBody(event));
    });
    return session.triggers.info();
  });

  registry.register('triggers.remove', async ({ logicalId, eventName }) => {
    const session = ctx.session();
    session.fn(logicalId);
    await session.editTemplate((editor) => {
      if (!eventNames(editor, logicalId).includes(eventName)) throw new HostError('NotFound', `${logicalId} has no event named ${eventName}`);
      // Events: goes too when it was the last one; the comment lines just above the event go with it.
      editor.delete(['Resources', logicalId, 'Properties', 'Events', eventName], { pruneDownTo: 3, withComments: true });
    });
    return session.triggers.info();
  });

  // A run-time switch, like disabling a rule in the console: template.yaml is not written, so
  // what `sam deploy` would create stays what the template says (see TriggerManager.setEnabled).
  registry.register('schedules.setEnabled', async ({ id, enabled }) => {
    const info = ctx.session().triggers.setEnabled(id, enabled);
    if (!info) throw new HostError('NotFound', `no schedule ${id} (ids are <LogicalId>:<EventName>)`);
    return info;
  });

  registry.register('schedules.fire', async ({ id }) => {
    const session = ctx.session();
    const schedule = session.triggers.schedule(id);
    if (!schedule) throw new HostError('NotFound', `no schedule ${id} (ids are <LogicalId>:<EventName>)`);
    if (schedule.error) throw new HostError('ValidationError', `${id} cannot fire: ${schedule.error}`);
    session.fn(schedule.logicalId);
    // Tracked as invoke.run's are, so invoke.cancel reports a cancelled scheduled run the same way.
    const requestId = randomUUID();
    ctx.invocations.running.add(requestId);
    const busyCheck = setTimeout(() => ctx.environments.check(), 50);
    try {
      await session.triggers.fire(id, requestId);
      return ctx.invocations.answer(requestId);
    } finally {
      clearTimeout(busyCheck);
      ctx.invocations.finished(requestId);
    }
  });
}

function checkRoute({ api, method, path }: AddHttp): void {
  if (path === DEFAULT_ROUTE) {
    if (api === 'rest') throw new HostError('ValidationError', '$default is a route of HTTP APIs only; a REST API needs a path such as /items', { path: 'HTTP APIs only' });
    if (method !== 'ANY') throw new HostError('ValidationError', 'the $default route takes every method: use ANY', { method: 'use ANY with $default' });
    return;
  }
  const problem = pathTemplateProblem(path);
  if (problem) throw new HostError('ValidationError', problem, { path: problem });
}

/**
 * The event as SAM reads it. $default is an HttpApi event without Path and Method (SAM's own
 * way to say "every request no other route takes"); an Api event always has both.
 */
function eventBody({ api, method, path }: AddHttp, upper: boolean): { Type: string; Properties?: { Path: string; Method: string } } {
  if (path === DEFAULT_ROUTE) return { Type: 'HttpApi' };
  return { Type: api === 'http' ? 'HttpApi' : 'Api', Properties: { Path: path, Method: upper ? method : method.toLowerCase() } };
}

/** SAM takes either case; follow the template's own habit, else write it as `sam init` does (get). */
function methodStyle(editor: TemplateEditor): boolean {
  const resources = editor.value(['Resources']);
  for (const resource of Object.values(isObject(resources) ? resources : {})) {
    const events = isObject(resource) && isObject(resource.Properties) ? resource.Properties.Events : undefined;
    for (const event of Object.values(isObject(events) ? events : {})) {
      const method = isObject(event) && isObject(event.Properties) ? event.Properties.Method : undefined;
      if (typeof method === 'string' && /[a-z]/i.test(method)) return method === method.toUpperCase();
    }
  }
  return false;
}

/** The keys of a function's Events; a Events that is not a plain map (an intrinsic) cannot be edited here. */
function eventNames(editor: TemplateEditor, logicalId: string): string[] {
  if (editor.value(['Resources', logicalId, 'Type']) !== 'AWS::Serverless::Function') {
    throw new HostError('Conflict', `${logicalId} is not an AWS::Serverless::Function: only those have Events`);
  }
  const node = editor.get(['Resources', logicalId, 'Properties', 'Events']);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node) || node.tag) throw new HostError('Conflict', `Events of ${logicalId} is not a plain map in the template (an intrinsic or a list): edit it in the template itself`);
  return node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)));
}

/** "GET /items/{id}" -> "GetItemsId"; "$default" -> "AnyDefault"; "/" -> "GetRoot". */
export function defaultEventName(method: string, path: string): string {
  const words = path === DEFAULT_ROUTE ? ['default'] : path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return cap(method.toLowerCase()) + (words.length ? words.map(cap).join('') : 'Root');
}

function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
}

function routeName({ method, path }: { method: string; path: string }): string {
  return path === DEFAULT_ROUTE ? DEFAULT_ROUTE : `${method} ${path}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
