/**
 * Workspace settings: machine-local, kept in <workspace>/.faaslab/settings.json (never in
 * template.yaml), as the rest of faaslab's local state.
 */
import { z } from 'zod';
import { LogicalId } from './schemas.js';

/** Multiplies Lambda's async retry delays (1 and 2 minutes): 0.01 retries after 0.6 and 1.2 s. */
export const RetryDelayScale = z.number().gt(0, 'the scale is more than 0').max(1, "the scale is at most 1 (Lambda's own delays)");

/** Where functions' AWS SDK calls go: faaslab's local services, or a real account through a profile of the user's AWS config (only its name is kept). */
export const AwsTargetShape = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('aws'),
    profile: z
      .string()
      .trim()
      .min(1, 'a profile of your AWS config, e.g. default')
      .regex(/^[\w.+@-]+$/, 'a profile name has no spaces'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region such as us-east-1'),
  }),
]);

/** The default for every function, and functions that differ from it. */
export const AwsTargetsShape = z.object({ default: AwsTargetShape.optional(), functions: z.record(LogicalId, AwsTargetShape).optional() });

export const WorkspaceSettingsShape = z.object({
  asyncRetryDelayScale: RetryDelayScale.optional(),
  /** A bucket's folder (absolute path) instead of .faaslab/buckets/<BucketName>/. */
  bucketFolders: z.record(LogicalId, z.string().min(1, 'a folder path')).optional(),
  awsTargets: AwsTargetsShape.optional(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsShape>;

/** settings.update: the keys given replace those of the file; null removes the retry scale, bucketFolders replaces the whole map. */
export const WorkspaceSettingsUpdate = z.object({
  asyncRetryDelayScale: RetryDelayScale.nullable().optional(),
  bucketFolders: z.record(LogicalId, z.string().min(1, 'a folder path')).optional(),
  /** Replaces the whole setting; null removes it (every function local). */
  awsTargets: AwsTargetsShape.nullable().optional(),
});
