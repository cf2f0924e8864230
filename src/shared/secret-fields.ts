/**
 * Names of fields that hold secrets: their values never reach a log line, and an input secret
 * made only of white space is refused. Matched by name (case, `_` and `-` ignored), not by a
 * loose pattern: `reasonKey`, `appKey` or `design` are ordinary fields and stay visible.
 */
const SECRET_NAMES = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'appsecret',
  'clientsecret',
  'signsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'pushkey',
  'messagekey',
  'privatekey',
  'secretkey',
  'apikey',
  'sessionkey',
  'encodingaeskey',
  'cookie',
  'setcookie',
  'authorization',
  'sign',
  'eventsign',
  'signature',
  'credential',
  'credentials',
]);

/** Suffixes that always mean a secret (`obsPassword`, `operatorToken`, `clientSecret`). */
const SECRET_SUFFIX = /(secret|password|passwd|token)$/;

const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

export function isSecretField(name: string): boolean {
  const n = normalise(name);
  return SECRET_NAMES.has(n) || SECRET_SUFFIX.test(n);
}
