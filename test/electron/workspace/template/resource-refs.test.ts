/** What !Ref, !GetAtt and ${X.Attr} give a function's variables for the template's resources, as a deployed stack gives them. */
import { describe, expect, it } from 'vitest';
import { createContext, resolveValue } from '../../../../electron/workspace/template/intrinsics.js';
import { resourceRefs } from '../../../../electron/workspace/template/resource-refs.js';

const RESOURCES = {
  Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${Stage}-uploads' } } },
  Unnamed: { Type: 'AWS::S3::Bucket' },
  Orders: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } },
  Simple: { Type: 'AWS::Serverless::SimpleTable' },
  Jobs: { Type: 'AWS::SQS::Queue' },
  Sorted: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'sorted', FifoQueue: true } },
  News: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'news' } },
  Worker: { Type: 'AWS::Serverless::Function', Properties: { FunctionName: 'worker-fn' } },
  Layer: { Type: 'AWS::Serverless::LayerVersion' },
};

describe('resourceRefs', () => {
  const base = createContext({ parameters: { Stage: 'dev' }, resources: Object.keys(RESOURCES), stackName: 'shop', region: 'eu-west-1' });
  const ctx = { ...base, refs: resourceRefs(RESOURCES, base) };
  const r = (v: unknown, report?: (m: string) => void) => resolveValue(v, ctx, report);

  it.each([
    [{ Ref: 'Uploads' }, 'dev-uploads'],
    [{ Ref: 'Unnamed' }, 'Unnamed'],
    [{ 'Fn::GetAtt': ['Uploads', 'Arn'] }, 'arn:aws:s3:::dev-uploads'],
    [{ Ref: 'Orders' }, 'orders'],
    [{ 'Fn::GetAtt': ['Orders', 'Arn'] }, 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
    [{ Ref: 'Simple' }, 'Simple'],
    [{ Ref: 'Jobs' }, 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-Jobs'],
    [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }, 'arn:aws:sqs:eu-west-1:123456789012:shop-Jobs'],
    [{ 'Fn::GetAtt': ['Jobs', 'QueueName'] }, 'shop-Jobs'],
    [{ Ref: 'Sorted' }, 'https://sqs.eu-west-1.amazonaws.com/123456789012/sorted.fifo'],
    [{ Ref: 'News' }, 'arn:aws:sns:eu-west-1:123456789012:news'],
    [{ 'Fn::GetAtt': ['News', 'TopicName'] }, 'news'],
    [{ Ref: 'Worker' }, 'worker-fn'],
    [{ 'Fn::GetAtt': 'Worker.Arn' }, 'arn:aws:lambda:eu-west-1:123456789012:function:worker-fn'],
    [{ 'Fn::Sub': 'queue ${Jobs.Arn} in ${Uploads}' }, 'queue arn:aws:sqs:eu-west-1:123456789012:shop-Jobs in dev-uploads'],
    // A layer is not something functions read by name: its Ref stays the logical id.
    [{ Ref: 'Layer' }, 'Layer'],
  ])('%j gives %s', (value, expected) => {
    expect(r(value)).toBe(expected);
  });

  it('leaves an attribute it does not know unresolved, with a warning', () => {
    const warnings: string[] = [];
    expect(r({ 'Fn::GetAtt': ['Orders', 'StreamArn'] })).toEqual({ 'Fn::GetAtt': ['Orders', 'StreamArn'] });
    expect(r({ 'Fn::Sub': '${Orders.StreamArn}' }, (m) => warnings.push(m))).toBe('${Orders.StreamArn}');
    expect(warnings).toEqual(['${Orders.StreamArn} is an attribute known only to a deployed stack; kept as text']);
  });
});
