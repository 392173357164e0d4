/** Beyond the usual triggers: Kafka (Amazon MSK and self-managed) and CloudFormation custom resources. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { base64, chars, hex, uuid } from './random.js';
import { defineTemplate, jsonField } from './template-types.js';

const KAFKA_FIELDS = [
  { name: 'topic', description: 'The topic', default: 'orders' },
  { name: 'key', description: 'The record key as text (base64-encoded in the record)', default: 'order-1234' },
  { name: 'value', description: 'The record value as text (base64-encoded in the record)', default: JSON.stringify({ orderId: '1234', status: 'PLACED' }) },
] as const;

function kafkaRecords(v: { topic: string; key: string; value: string }) {
  const header = [...new TextEncoder().encode('application/json')];
  const record = {
    topic: v.topic,
    partition: 0,
    offset: Math.floor(Math.random() * 100_000),
    timestamp: Date.now(),
    timestampType: 'CREATE_TIME' as const,
    key: base64(v.key),
    value: base64(v.value),
    headers: [{ 'content-type': header }],
  };
  return { [`${v.topic}-0`]: [record] };
}

export const kafkaMsk = defineTemplate({
  id: 'kafka-msk',
  service: 'kafka',
  type: 'msk',
  serviceTitle: 'Apache Kafka',
  title: 'Amazon MSK records',
  description: 'A batch from an Amazon MSK topic: records grouped by "topic-partition", key and value base64-encoded, headers as byte arrays. Not in sam.',
  fields: KAFKA_FIELDS,
  make(v) {
    const cluster = `faaslab-cluster/${uuid()}-2`;
    const brokers = [1, 2].map((n) => `b-${n}.faaslab-cluster.${chars(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}.c2.kafka.${REGION}.amazonaws.com:9098`).join(',');
    return { eventSource: 'aws:kafka' as const, eventSourceArn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/${cluster}`, bootstrapServers: brokers, records: kafkaRecords(v) };
  },
});

export const kafkaSelfManaged = defineTemplate({
  id: 'kafka-self-managed',
  service: 'kafka',
  type: 'self-managed',
  serviceTitle: 'Apache Kafka',
  title: 'Self-managed Apache Kafka records',
  description: "A batch from your own Kafka cluster: as Amazon MSK's, with eventSource SelfManagedKafka and no cluster ARN. Not in sam.",
  fields: KAFKA_FIELDS,
  make: (v) => ({ eventSource: 'SelfManagedKafka' as const, bootstrapServers: 'kafka-1.example.com:9092,kafka-2.example.com:9092', records: kafkaRecords(v) }),
});

const CFN_FIELDS = [
  { name: 'resource-type', description: 'The custom resource type', default: 'Custom::OrderSeed' },
  { name: 'logical-id', description: "The resource's logical id in the template", default: 'OrderSeed' },
  { name: 'stack-name', description: 'The stack name', default: 'faaslab-stack' },
  { name: 'properties', description: 'The ResourceProperties, JSON (ServiceToken is added)', default: JSON.stringify({ Table: 'Orders', Count: '10' }) },
] as const;

type RequestType = 'Create' | 'Update' | 'Delete';

function cloudformationRequest<R extends RequestType>(requestType: R, v: Record<(typeof CFN_FIELDS)[number]['name'], string>) {
  const serviceToken = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:faaslab-custom-resource`;
  const stackId = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${v['stack-name']}/${uuid()}`;
  const requestId = uuid();
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const responseUrl =
    `https://cloudformation-custom-resource-response-${REGION.replace(/-/g, '')}.s3.amazonaws.com/` +
    `${encodeURIComponent(stackId)}%7C${v['logical-id']}%7C${requestId}` +
    `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-SignedHeaders=host&X-Amz-Expires=7200` +
    `&X-Amz-Credential=AKIA${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}%2F${date.slice(0, 8)}%2F${REGION}%2Fs3%2Faws4_request&X-Amz-Signature=${hex(64)}`;
  return {
    RequestType: requestType,
    ServiceToken: serviceToken,
    ResponseURL: responseUrl,
    StackId: stackId,
    RequestId: requestId,
    LogicalResourceId: v['logical-id'],
    ResourceType: v['resource-type'],
    ResourceProperties: { ServiceToken: serviceToken, ...(jsonField(v.properties, 'properties') as object) },
  };
}

/** The id the function returned when it created the resource. */
const physicalId = (v: { 'logical-id': string }) => `${v['logical-id']}-${hex(8)}`;

const cfnTemplate = <R extends RequestType, T extends object>(requestType: R, what: string, make: (v: Record<(typeof CFN_FIELDS)[number]['name'], string>) => T) =>
  defineTemplate({
    id: `cloudformation-${requestType.toLowerCase()}-request`,
    service: 'cloudformation',
    type: `${requestType.toLowerCase()}-request`,
    serviceTitle: 'AWS CloudFormation',
    title: `Custom resource ${requestType} request`,
    description: `${what}. The function must PUT its result (Status, PhysicalResourceId, Data) to the presigned ResponseURL.`,
    fields: CFN_FIELDS,
    make,
  });

export const cloudformationCreate = cfnTemplate('Create', 'CloudFormation creates a custom resource', (v) => cloudformationRequest('Create', v));
export const cloudformationUpdate = cfnTemplate('Update', 'CloudFormation updates a custom resource; OldResourceProperties holds its previous properties', (v) => {
  const request = cloudformationRequest('Update', v);
  return { ...request, PhysicalResourceId: physicalId(v), OldResourceProperties: { ...request.ResourceProperties, Count: '5' } };
});
export const cloudformationDelete = cfnTemplate('Delete', 'CloudFormation deletes a custom resource (on stack deletion or replacement)', (v) => ({
  ...cloudformationRequest('Delete', v),
  PhysicalResourceId: physicalId(v),
}));
