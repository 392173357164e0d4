/**
 * What `!Ref` and `!GetAtt` give for the template's buckets, tables, queues, topics and functions,
 * as a deployed stack gives them (a bucket's or table's name, a queue's URL, a topic's ARN), for
 * the values functions read from their environment: code written as
 * `new PutObjectCommand({ Bucket: process.env.BUCKET })` then names the local bucket, unchanged.
 * The names follow the same rules as the loaders that create the local resources
 * (storage-loader.ts, messaging-loader.ts, function-reader.ts).
 */
import { messagingName, validBucketName, validTableName } from './resource-names.js';
import { resolveValue, type IntrinsicContext, type ResourceRef } from './intrinsics.js';

export type { ResourceRef };

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function resourceRefs(resources: Record<string, unknown>, ctx: IntrinsicContext): Map<string, ResourceRef> {
  const { region, accountId: account, stackName } = ctx;
  const refs = new Map<string, ResourceRef>();
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    const prop = (name: string): unknown => (props[name] === undefined ? undefined : resolveValue(props[name], ctx));
    const flag = (value: unknown) => value === true || value === 'true';
    switch (resource.Type) {
      case 'AWS::S3::Bucket': {
        const name = validBucketName(prop('BucketName')) ?? id;
        refs.set(id, { ref: name, attrs: { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${region}.amazonaws.com` } });
        break;
      }
      case 'AWS::DynamoDB::Table':
      case 'AWS::Serverless::SimpleTable': {
        const name = validTableName(prop('TableName')) ?? id;
        refs.set(id, { ref: name, attrs: { Arn: `arn:aws:dynamodb:${region}:${account}:table/${name}` } });
        break;
      }
      case 'AWS::SQS::Queue': {
        const name = messagingName(prop('QueueName'), id, stackName, flag(prop('FifoQueue')));
        const url = `https://sqs.${region}.amazonaws.com/${account}/${name}`;
        refs.set(id, { ref: url, attrs: { Arn: `arn:aws:sqs:${region}:${account}:${name}`, QueueName: name, QueueUrl: url } });
        break;
      }
      case 'AWS::SNS::Topic': {
        const name = messagingName(prop('TopicName'), id, stackName, flag(prop('FifoTopic')));
        const arn = `arn:aws:sns:${region}:${account}:${name}`;
        refs.set(id, { ref: arn, attrs: { TopicArn: arn, TopicName: name } });
        break;
      }
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function': {
        const given = prop('FunctionName');
        const name = typeof given === 'string' && FUNCTION_NAME.test(given) ? given : id;
        refs.set(id, { ref: name, attrs: { Arn: `arn:aws:lambda:${region}:${account}:function:${name}` } });
        break;
      }
    }
  }
  return refs;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
