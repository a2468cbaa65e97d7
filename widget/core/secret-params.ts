// Which query parameter names look like they carry a secret (issue 14): sites put password-reset
// tokens, magic-link codes, OAuth codes, session ids and presigned signatures in their addresses,
// and the page info sent with a conversation is read by every agent and integration.
//
// The rule, in order:
// 1. The name is read as the server reads it: `+` as a space, percent-escapes decoded until none
//    is left (so `acc%2565ss_token` is caught too), a broken escape never stopping the rest.
// 2. It is split into words: at every character that is not a letter or digit (`_ - . [ ]`,
//    space…), between a lowercase letter or digit and a capital (`authCode`), before the last
//    capital of a run followed by a lowercase letter (`XMLToken`), and between letters and
//    digits (`token2`). Words are compared lowercased.
// 3. A name the site listed (data-redact-params) is secret when its words appear in a row in the
//    name's words, or when both are the same once separators are taken out (`order_ref` matches
//    `order_ref`, `orderRef`, `my-order-ref`; `magic` matches `magic_link` but not `magiclink`).
// 4. Otherwise `utm_*` (campaign tags, never secret) and the names of KEPT are kept.
// 5. Otherwise it is secret when one of its words, or its words run together, is in SECRET_WORDS
//    (a trailing plural s allowed: `tokens`, `keys`) or RUN_TOGETHER, or ends with one of TAILS.
//    Whole words only, so `passenger`, `keyword`, `authors`, `postcode`, `monkey` and `sidebar`
//    are kept, while `pass`, `key`, `auth_code`, `X-Amz-Signature`, `PHPSESSID` are not.
// 6. CONTEXTUAL names (OAuth's `state`, SAML's `RelayState`) are secret only beside another
//    secret parameter of the same address: alone, `?state=CA` is a shop's filter; beside `code`,
//    it is the other half of an OAuth answer.

const SECRET_WORDS = new Set([
  'token',
  'code',
  'key',
  'apikey',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'passphrase',
  'auth',
  'authorization',
  'session',
  'sid',
  'sessid',
  'signature',
  'sig',
  'sign',
  'otp',
  'totp',
  'jwt',
  'credential',
  'cred',
  'nonce',
  'ticket',
  'verifier',
  'csrf',
  'xsrf',
  'bearer',
  'cookie',
  'hmac',
  'pin',
  'saml',
  'assertion',
]);

// Words that are a secret word glued to another, as sites write them (`accesskey`, `authcode`).
const RUN_TOGETHER = new Set([
  'authcode',
  'authkey',
  'accesskey',
  'accesscode',
  'secretkey',
  'privatekey',
  'signingkey',
  'sessionkey',
  'otpcode',
  'smscode',
  'mfacode',
  'resetcode',
  'verifycode',
  'verificationcode',
  'activationcode',
  'confirmationcode',
  'securitycode',
  'logincode',
  'oobcode',
]);

// Endings no ordinary word has: `accesstoken`, `clientsecret`, `jsessionid`, `newpassword`.
const TAILS = ['token', 'secret', 'password', 'passwd', 'sessid', 'sessionid', 'signature', 'credential', 'apikey'];

// Codes and keys that name a place, a language, a product or an outcome: useful to an agent and
// never a secret. Promo and coupon codes are not here: single-use ones are worth money.
const KEPT = new Set([
  'postcode',
  'postalcode',
  'zipcode',
  'countrycode',
  'currencycode',
  'languagecode',
  'langcode',
  'localecode',
  'regioncode',
  'areacode',
  'colorcode',
  'colourcode',
  'productcode',
  'errorcode',
  'statuscode',
  'sortkey',
]);

const CONTEXTUAL = new Set(['state', 'relaystate']);

/**
 * The name as a server reads it: `+` as a space, percent-escapes decoded until none is left (a
 * few rounds at most). ASCII escapes first, one by one, so that a broken escape elsewhere in the
 * name cannot keep `%65` from being read; then the rest (`c%C3%B3digo`) when it is valid UTF-8.
 */
export function decodeName(raw: string): string {
  let name = raw.replace(/\+/g, ' ');
  for (let round = 0; round < 4; round++) {
    const next = name.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === name) break;
    name = next;
  }
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function wordsOf(name: string): string[] {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      // One capital of lookahead, not `[A-Z]+`: that backtracks quadratically on a long run of capitals.
      .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
      .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
      .replace(/([0-9])([a-zA-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '')
  );
}

const isSecretWord = (word: string) =>
  SECRET_WORDS.has(word) ||
  (word.endsWith('s') && SECRET_WORDS.has(word.slice(0, -1))) ||
  RUN_TOGETHER.has(word) ||
  TAILS.some((tail) => word.endsWith(tail) || word.endsWith(`${tail}s`));

/** Whether the listed words appear in a row in `words`. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start++) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

export type SecretVerdict = 'secret' | 'kept' | 'contextual';

/** A checker for raw parameter names (as they are in the address), with the site's own names added. */
export function secretParamChecker(siteNames: readonly string[]): (rawName: string) => SecretVerdict {
  const site = siteNames.map(wordsOf).filter((words) => words.length > 0);
  return (rawName) => {
    const name = decodeName(rawName);
    const words = wordsOf(name);
    const joined = words.join('');
    if (site.some((run) => containsRun(words, run) || run.join('') === joined)) return 'secret';
    if (/^utm_/i.test(name.trim()) || KEPT.has(joined)) return 'kept';
    if (joined !== '' && (isSecretWord(joined) || words.some(isSecretWord))) return 'secret';
    return CONTEXTUAL.has(joined) ? 'contextual' : 'kept';
  };
}
