/**
 * Sample events for the trigger sources people reach for most, in the shapes Lambda delivers
 * (ARCHITECTURE.md, Lambda behaviour 9), named by service and type as `sam local generate-event` names them.
 * Beyond sam's list: Function URL, WebSocket, HTTP API authorizer, generic EventBridge, Kafka.
 */
import { apigatewayAuthorizer, apigatewayHttpApiAuthorizer, apigatewayRequestAuthorizer, apigatewayWebsocket } from './apigateway-events.js';
import { cognitoPostConfirmation, cognitoPreSignup } from './cognito-events.js';
import { cloudwatchLogs, dynamodbUpdate, kinesisGetRecords, s3BatchInvocation, s3Delete, s3Put } from './data-events.js';
import { cloudfrontOriginRequest, cloudfrontViewerRequest, sesEmailReceiving } from './edge-mail-events.js';
import { albRequest, apigatewayAwsProxy, apigatewayHttpApiProxy, lambdaFunctionUrl } from './http-events.js';
import { eventsCustom, eventsSchedule, snsNotification, sqsReceiveMessage } from './messaging-events.js';
import { cloudformationCreate, cloudformationDelete, cloudformationUpdate, kafkaMsk, kafkaSelfManaged } from './more-events.js';
import type { EventTemplate } from './template-types.js';

export type { EventField, EventTemplate } from './template-types.js';
export { EventFieldError } from './template-types.js';

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  albRequest,
  apigatewayAwsProxy,
  apigatewayHttpApiProxy,
  apigatewayAuthorizer,
  apigatewayRequestAuthorizer,
  apigatewayHttpApiAuthorizer,
  apigatewayWebsocket,
  cloudformationCreate,
  cloudformationUpdate,
  cloudformationDelete,
  cloudfrontViewerRequest,
  cloudfrontOriginRequest,
  cloudwatchLogs,
  cognitoPreSignup,
  cognitoPostConfirmation,
  dynamodbUpdate,
  eventsSchedule,
  eventsCustom,
  kafkaMsk,
  kafkaSelfManaged,
  kinesisGetRecords,
  lambdaFunctionUrl,
  s3Put,
  s3Delete,
  s3BatchInvocation,
  sesEmailReceiving,
  snsNotification,
  sqsReceiveMessage,
];

/** Names compare case-insensitively, with spaces and dashes alike: "S3 Put" is s3-put. */
const normal = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** Every name a template answers to: its id, "service type" and its aliases. */
export function templateNames(t: EventTemplate): string[] {
  return [...new Set([t.id, `${t.service} ${t.type}`, ...t.aliases].map(normal))];
}

const BY_NAME = new Map<string, EventTemplate>();
for (const t of EVENT_TEMPLATES) {
  for (const name of templateNames(t)) {
    const other = BY_NAME.get(name);
    if (other && other !== t) throw new Error(`event templates ${other.id} and ${t.id} both answer to '${name}'`);
    BY_NAME.set(name, t);
  }
}

/**
 * A template by id or alias (`s3-put`, `apigateway-v1`), or by service and type
 * (`'s3', 'put'`, `'cloudwatch', 'scheduled-event'`).
 */
export function findEventTemplate(idOrService: string, type?: string): EventTemplate | undefined {
  return BY_NAME.get(normal(type === undefined ? idOrService : `${idOrService} ${type}`));
}

export interface EventService {
  service: string;
  /** Its types, the templates' own first, then those only aliases name (cloudwatch's scheduled-event). */
  types: string[];
}

/** The services and their types, as `faaslab events generate <service> <type>` takes them, sorted. */
export function eventServices(): EventService[] {
  const services = new Map<string, Set<string>>();
  const add = (service: string, type: string) => (services.get(service) ?? services.set(service, new Set()).get(service)!).add(type);
  for (const t of EVENT_TEMPLATES) add(t.service, t.type);
  for (const t of EVENT_TEMPLATES) {
    for (const alias of t.aliases) {
      const [service, type] = alias.split(' ');
      if (service && type) add(service, type);
    }
  }
  return [...services.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([service, types]) => ({ service, types: [...types] }));
}

/**
 * A template's payload as pretty JSON (the Test tab's editor and the CLI print it), with fields
 * overridden by name. Undefined for an unknown template; an unknown field throws EventFieldError.
 */
export function generateEvent(id: string, fields?: Readonly<Record<string, string>>): string | undefined {
  const template = findEventTemplate(id);
  return template && JSON.stringify(template.build(fields), null, 2);
}
