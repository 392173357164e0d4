/** The services of faaslab's local AWS endpoint, by SigV4 service name. */
import { dynamodbService } from './dynamodb/dynamodb-service.js';
import type { AwsService } from './service.js';

export const LOCAL_SERVICES: readonly AwsService[] = [dynamodbService];
