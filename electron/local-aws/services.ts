/** The services of faaslab's local AWS endpoint, by SigV4 service name. */
import { dynamodbService } from './dynamodb/dynamodb-service.js';
import { eventBridgeService } from './eventbridge/eventbridge-service.js';
import { s3Service } from './s3/s3-service.js';
import type { AwsService } from './service.js';
import { snsService } from './sns/sns-service.js';
import { sqsService } from './sqs/sqs-service.js';

export const LOCAL_SERVICES: readonly AwsService[] = [s3Service, dynamodbService, sqsService, snsService, eventBridgeService];
