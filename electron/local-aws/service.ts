/**
 * A local AWS service: it answers the requests the endpoint routes to it (by SigV4 service name)
 * from the open workspace's resources, and renders its own errors in its protocol's shape.
 */
import type { TriggerManager } from '../triggers/trigger-manager.js';
import type { AwsRequest } from './aws-request.js';
import type { AwsAnswer, AwsError } from './wire.js';

/** The workspace's resources the services read and write: its buckets and tables (triggers.storage), queues and topics (triggers.messaging). */
export interface LocalResources {
  region: string;
  accountId: string;
  triggers: TriggerManager;
  /** The endpoint's own URL (http://127.0.0.1:port), for queue URLs and presigned links it hands out. */
  endpointUrl: string;
}

export interface AwsService {
  /** The SigV4 service name it answers. */
  readonly name: string;
  /** Sets req.operation (and req.resource) as soon as it knows them; throws AwsError for the service's own errors. */
  handle(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer>;
  /** The error in this service's wire format. */
  renderError(err: AwsError, req: AwsRequest): AwsAnswer;
}
