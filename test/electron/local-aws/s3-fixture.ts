/** A host whose workspace has buckets, and S3 clients of the test process pointed at its local endpoint. */
import { S3Client } from '@aws-sdk/client-s3';
import { startHost, type HostFixture } from '../services/host-fixture.js';

export const BUCKET_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: faaslab-uploads
  Other:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: faaslab-other
`;

export function s3Client(endpoint: string, extra: ConstructorParameters<typeof S3Client>[0] = {}): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, forcePathStyle: true, ...extra });
}

export async function startS3Host(files: Record<string, string> = { 'template.yaml': BUCKET_TEMPLATE }): Promise<HostFixture & { s3: S3Client }> {
  const f = await startHost(files);
  return Object.assign(f, { s3: s3Client(f.host.awsEndpoint) });
}
