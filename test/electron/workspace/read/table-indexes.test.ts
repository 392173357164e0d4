/**
 * A table's secondary indexes and attribute definitions, read from AWS::DynamoDB::Table for the
 * local DynamoDB's Query and Scan on IndexName; an index that cannot work is left out with a
 * warning on its line, and the table keeps working without it.
 */
import { describe, expect, it } from 'vitest';
import { readTriggers } from '../../../../electron/workspace/read/trigger-loader.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: N }
        - { AttributeName: status, AttributeType: S }
        - { AttributeName: placed, AttributeType: S }
      KeySchema:
        - { AttributeName: sk, KeyType: RANGE }
        - { AttributeName: pk, KeyType: HASH }
      GlobalSecondaryIndexes:
        - IndexName: byStatus
          KeySchema:
            - { AttributeName: placed, KeyType: RANGE }
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [total] }
        - IndexName: keysOnly
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: KEYS_ONLY }
        - IndexName: undefinedKey
          KeySchema:
            - { AttributeName: nowhere, KeyType: HASH }
          Projection: { ProjectionType: ALL }
      LocalSecondaryIndexes:
        - IndexName: byPlaced
          KeySchema:
            - { AttributeName: pk, KeyType: HASH }
            - { AttributeName: placed, KeyType: RANGE }
          Projection: { ProjectionType: ALL }
        - IndexName: otherHash
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
            - { AttributeName: placed, KeyType: RANGE }
          Projection: { ProjectionType: ALL }
  Simple:
    Type: AWS::Serverless::SimpleTable
`;

describe('secondary indexes in the template', () => {
  const load = readTriggers(TEMPLATE, '/ws/template.yaml');
  const [orders, simple] = load.storage!.tables;

  it('reads GlobalSecondaryIndexes and LocalSecondaryIndexes with their keys (HASH first) and projections', () => {
    expect(orders!.keySchema.map((k) => k.name)).toEqual(['pk', 'sk']);
    expect(orders!.globalSecondaryIndexes).toEqual([
      {
        indexName: 'byStatus',
        keySchema: [
          { name: 'status', type: 'S', keyType: 'HASH' },
          { name: 'placed', type: 'S', keyType: 'RANGE' },
        ],
        projection: 'INCLUDE',
        nonKeyAttributes: ['total'],
      },
      { indexName: 'keysOnly', keySchema: [{ name: 'status', type: 'S', keyType: 'HASH' }], projection: 'KEYS_ONLY' },
    ]);
    expect(orders!.localSecondaryIndexes).toEqual([
      {
        indexName: 'byPlaced',
        keySchema: [
          { name: 'pk', type: 'S', keyType: 'HASH' },
          { name: 'placed', type: 'S', keyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
    ]);
    expect(orders!.attributeDefinitions).toEqual([
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'N' },
      { name: 'status', type: 'S' },
      { name: 'placed', type: 'S' },
    ]);
    expect(simple).not.toHaveProperty('globalSecondaryIndexes');
  });

  it('leaves out, with a warning, an index whose key has no attribute definition or an LSI on another HASH key', () => {
    expect(load.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Orders: GlobalSecondaryIndexes: undefinedKey needs a KeySchema of one HASH and at most one RANGE key, each with an AttributeDefinitions entry; faaslab leaves that index out'],
      ['warning', "Orders: LocalSecondaryIndexes: otherHash must have the table's HASH key pk; faaslab leaves that index out"],
    ]);
  });
});
