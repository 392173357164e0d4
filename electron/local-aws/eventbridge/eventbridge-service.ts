/**
 * EventBridge on the local endpoint (JSON 1.1, X-Amz-Target: AWSEvents.<Operation>): PutEvents
 * onto the workspace's buses (triggers/eventbridge/event-bus.ts delivers to the rules that match),
 * ListRules and DescribeRule for the template's rules. Per-entry problems are answered per entry,
 * as EventBridge does (FailedEntryCount and ErrorCode/ErrorMessage); a call that is wrong as a
 * whole is a ValidationException.
 */
import type { AwsRequest } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { AwsError, jsonAnswer, jsonError, type AwsAnswer } from '../wire.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_ENTRIES = 10;
/** PutEvents' limit for the whole request's entries. */
const MAX_ENTRIES_BYTES = 256 * 1024;

type Entry = { Source?: unknown; DetailType?: unknown; Detail?: unknown; EventBusName?: unknown; Resources?: unknown; Time?: unknown };

export const eventBridgeService: AwsService = {
  name: 'events',

  async handle(req: AwsRequest, res: LocalResources): Promise<AwsAnswer> {
    const operation = req.target?.split('.')[1] ?? '';
    req.operation = operation || 'Unknown';
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
    }
    const buses = res.triggers.events;
    switch (operation) {
      case 'PutEvents':
        return jsonAnswer(putEvents(req, input, res), CONTENT_TYPE);
      case 'ListRules': {
        const bus = busName(input.EventBusName);
        const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
        const rules = buses.list().filter((r) => r.bus === bus && r.ruleName.startsWith(prefix));
        req.resource = bus;
        return jsonAnswer({ Rules: rules.map((r) => describe(r, res)) }, CONTENT_TYPE);
      }
      case 'DescribeRule': {
        const rule = buses.list().find((r) => r.ruleName === input.Name && r.bus === busName(input.EventBusName));
        req.resource = String(input.Name ?? '');
        if (!rule) throw new AwsError('ResourceNotFoundException', `Rule ${String(input.Name)} does not exist on EventBus ${busName(input.EventBusName)}.`);
        return jsonAnswer(describe(rule, res), CONTENT_TYPE);
      }
      default:
        throw new AwsError(
          'UnknownOperationException',
          `faaslab's local EventBridge has PutEvents, ListRules and DescribeRule; ${operation || 'this operation'} is not available locally (rules come from template.yaml)`,
        );
    }
  },

  renderError(err: AwsError): AwsAnswer {
    return jsonError(err, '', CONTENT_TYPE);
  },
};

function putEvents(req: AwsRequest, input: Record<string, unknown>, res: LocalResources): unknown {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new AwsError('ValidationException', "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  if (entries.length > MAX_ENTRIES)
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '[${entries.length} entries]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  if (Buffer.byteLength(JSON.stringify(entries)) > MAX_ENTRIES_BYTES) throw new AwsError('ValidationException', 'Total size of the entries in the request is over the limit.');
  const buses = res.triggers.events;
  const answers = (entries as Entry[]).map((entry) => {
    const bus = busName(entry.EventBusName);
    if (typeof entry.Source !== 'string' || !entry.Source) return failed('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
    if (typeof entry.DetailType !== 'string' || !entry.DetailType) return failed('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
    if (typeof entry.Detail !== 'string') return failed('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return failed('MalformedDetail', 'Detail is malformed.');
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return failed('MalformedDetail', 'Detail is malformed.');
    if (!buses.hasBus(bus)) return failed('NotAuthorizedForSourceException', `Event bus ${bus} does not exist in this workspace (the default bus and the buses its rules name do).`);
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : typeof entry.Time === 'string' ? new Date(entry.Time) : undefined;
    const { eventId } = buses.put({
      source: entry.Source,
      detailType: entry.DetailType,
      detail: detail as Record<string, unknown>,
      bus,
      resources: Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : [],
      ...(time && !Number.isNaN(time.getTime()) ? { time } : {}),
    });
    return { EventId: eventId };
  });
  req.resource = [...new Set((entries as Entry[]).map((e) => busName(e.EventBusName)))].join(', ');
  return { FailedEntryCount: answers.filter((a) => 'ErrorCode' in a).length, Entries: answers };
}

function failed(code: string, message: string): { ErrorCode: string; ErrorMessage: string } {
  return { ErrorCode: code, ErrorMessage: message };
}

function busName(value: unknown): string {
  if (typeof value !== 'string' || !value) return 'default';
  return value.includes(':event-bus/') ? value.split(':event-bus/')[1]! : value;
}

function describe(rule: ReturnType<LocalResources['triggers']['events']['list']>[number], res: LocalResources) {
  return {
    Name: rule.ruleName,
    Arn: `arn:aws:events:${res.region}:${res.accountId}:rule/${rule.bus === 'default' ? '' : `${rule.bus}/`}${rule.ruleName}`,
    EventPattern: JSON.stringify(rule.pattern),
    State: rule.enabled ? 'ENABLED' : 'DISABLED',
    EventBusName: rule.bus,
  };
}
