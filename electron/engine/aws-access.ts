/**
 * Where a function's AWS SDK calls go, decided when its environment starts: faaslab's local
 * endpoint (the default: AWS_ENDPOINT_URL and credentials that name the environment), or a real
 * AWS account, with the credentials of a profile of the user's AWS config resolved as `sam local`
 * resolves them (keys, SSO, assumed roles, credential_process) and handed to the function as
 * Lambda hands its role's credentials: in the variables, never written anywhere.
 */
import type { AwsTarget, RealAwsTarget } from '../../shared/domain/aws-call.js';
import type { AwsCredentials } from './environment-types.js';

/** Local, or a real account with the profile's credentials and the target's region. */
export type AwsAccess = { target: { mode: 'local' } } | { target: RealAwsTarget; credentials: AwsCredentials };

export type CredentialResolver = (profile: string) => Promise<AwsCredentials>;

/** A profile's credentials, as the AWS CLI and SDKs would find them in ~/.aws/config and ~/.aws/credentials. */
export const profileCredentials: CredentialResolver = async (profile) => {
  // Loaded only when a function is pointed at real AWS: most sessions never need it.
  const { fromIni } = await import('@aws-sdk/credential-provider-ini');
  const c = await fromIni({ profile, ignoreCache: true })();
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
};

export async function resolveAwsAccess(target: AwsTarget, resolve: CredentialResolver): Promise<AwsAccess | { error: string }> {
  if (target.mode === 'local') return { target };
  try {
    return { target, credentials: await resolve(target.profile) };
  } catch (err) {
    return { error: `cannot get credentials for the AWS profile '${target.profile}' (the function's AWS target is real AWS): ${(err as Error).message}` };
  }
}
