/**
 * Sample events for every trigger source faaslab knows, in the shapes Lambda delivers
 * (LAMBDA-SPEC section 9). `sam local generate-event` has most of these; it has no Function URL
 * or generic EventBridge event, which are here too.
 */
import { dynamodbStream, cloudwatchLogs, kinesis, s3Delete, s3Put } from './data-events.js';
import { alb, apigatewayV1, apigatewayV2, functionUrl } from './http-events.js';
import { eventbridgeCustom, eventbridgeSchedule, sns, sqs } from './messaging-events.js';
import type { EventTemplate } from './template-types.js';

export type { EventTemplate } from './template-types.js';

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  apigatewayV1, apigatewayV2, functionUrl, alb,
  s3Put, s3Delete, sqs, sns, eventbridgeSchedule, eventbridgeCustom,
  dynamodbStream, kinesis, cloudwatchLogs,
];

export function findEventTemplate(id: string): EventTemplate | undefined {
  return EVENT_TEMPLATES.find((t) => t.id === id);
}

/** A template's payload as the Test tab's editor shows it. */
export function generateEvent(id: string): string | undefined {
  const template = findEventTemplate(id);
  return template && JSON.stringify(template.build(), null, 2);
}
