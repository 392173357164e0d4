/** Keys whose values are masked by default in the environment variables panel. */
export function looksSecret(key: string): boolean {
  return /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL|PRIVATE/i.test(key);
}
