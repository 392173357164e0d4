/**
 * The ids and domain names AWS would give an API or a Function URL. Derived from the logical id
 * (and account), not random, so an event's apiId and domainName stay the same across restarts
 * and a function that keys something on them keeps working.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function hashId(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let h = 2166136261 ^ round;
    const text = `${round}:${seed}`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    for (let k = 0; k < 6 && out.length < length; k++) {
      out += ALPHABET[h % ALPHABET.length];
      h = Math.floor(h / ALPHABET.length) ^ Math.imul(h, 31);
      h >>>= 0;
    }
  }
  return out;
}

/** An API Gateway API id: 10 lower-case letters and digits. */
export function apiGatewayId(apiLogicalId: string, accountId: string): string {
  return hashId(`${accountId}/${apiLogicalId}`, 10);
}

/** A Function URL's url-id: 32 lower-case letters and digits. */
export function functionUrlId(functionName: string, accountId: string): string {
  return hashId(`${accountId}/url/${functionName}`, 32);
}

export function executeApiDomain(apiId: string, region: string): string {
  return `${apiId}.execute-api.${region}.amazonaws.com`;
}

export function functionUrlDomain(urlId: string, region: string): string {
  return `${urlId}.lambda-url.${region}.on.aws`;
}
