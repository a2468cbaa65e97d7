// The page address as it leaves the browser (issue 14): what a site puts in its addresses, and
// what an agent reading the conversation's metadata must not be able to use.

import { describe, expect, it } from 'vitest';
import { REDACTED, redactUrl } from '../../widget/core/redact-url';

const MAX = 2048;
const redact = (address: string, siteNames: string[] = []) => redactUrl(address, { siteNames, maxLength: MAX });
const R = REDACTED;

describe('redactUrl', () => {
  it.each([
    // Fragments: never sent, whatever they hold.
    ['a plain fragment', 'https://shop.example.com/orders/42#items', 'https://shop.example.com/orders/42'],
    [
      'an OAuth implicit-flow answer',
      'https://app.example.com/callback#access_token=ya29.a0AfH6SM&token_type=Bearer&expires_in=3599&state=af0ifjs',
      'https://app.example.com/callback',
    ],
    [
      'a Supabase magic-link fragment',
      'https://app.example.com/#access_token=eyJhbGci.eyJzdWIi.SflKx&refresh_token=v1.Mr5&type=magiclink',
      'https://app.example.com/',
    ],
    ['a hash route', 'https://app.example.com/#/orders?tab=2', 'https://app.example.com/'],
    ['a fragment holding a "?"', 'https://shop.example.com/?page=2#x?token=abc', 'https://shop.example.com/?page=2'],

    // Password-reset links.
    [
      'Devise (Rails)',
      'https://shop.example.com/users/password/edit?reset_password_token=Zx8aBcQ1',
      `https://shop.example.com/users/password/edit?reset_password_token=${R}`,
    ],
    [
      'WordPress',
      'https://blog.example.com/wp-login.php?action=rp&key=AbC123xyz&login=jane',
      `https://blog.example.com/wp-login.php?action=rp&key=${R}&login=jane`,
    ],
    [
      'a reset token beside campaign tags',
      'https://shop.example.com/reset?reset_token=abc&utm_source=news&utm_medium=email',
      `https://shop.example.com/reset?reset_token=${R}&utm_source=news&utm_medium=email`,
    ],
    [
      'a token in the path (paths stay)',
      'https://shop.example.com/password/reset/8f14e45fceea167a',
      'https://shop.example.com/password/reset/8f14e45fceea167a',
    ],

    // Magic links and one-time codes.
    [
      'a sign-in code',
      'https://app.example.com/auth/magic?email=jane%40example.com&code=482913',
      `https://app.example.com/auth/magic?email=jane%40example.com&code=${R}`,
    ],
    [
      'a Firebase email action',
      'https://app.example.com/__/auth/action?mode=signIn&oobCode=Xy12Ab&apiKey=AIzaSyD3&lang=en',
      `https://app.example.com/__/auth/action?mode=signIn&oobCode=${R}&apiKey=${R}&lang=en`,
    ],
    ['a JWT', 'https://app.example.com/login?jwt=eyJhbGci.eyJzdWIi.SflKx', `https://app.example.com/login?jwt=${R}`],
    ['an OTP', 'https://app.example.com/verify?otp=123456&step=2', `https://app.example.com/verify?otp=${R}&step=2`],

    // Single sign-on answers: the state travels with the code, so it goes with it.
    [
      'an OAuth code-flow answer',
      'https://app.example.com/oauth/callback?code=4%2F0AX4Xf&state=af0ifjsldkj&scope=email%20profile',
      `https://app.example.com/oauth/callback?code=${R}&state=${R}&scope=email%20profile`,
    ],
    ['a Keycloak answer', 'https://app.example.com/cb?state=a1&session_state=b2&code=c3', `https://app.example.com/cb?state=${R}&session_state=${R}&code=${R}`],
    [
      'a SAML answer',
      'https://app.example.com/sso?SAMLResponse=PHNhbWxwOlJlc3BvbnNl&RelayState=%2Fdashboard',
      `https://app.example.com/sso?SAMLResponse=${R}&RelayState=${R}`,
    ],
    ['a CAS ticket', 'https://shop.example.com/account?ticket=ST-1856339-aA5Yuvrxzpv8Tau1cYQ7', `https://shop.example.com/account?ticket=${R}`],
    ['"state" alone is a shop\'s filter', 'https://shop.example.com/stores?state=CA&city=Fresno', 'https://shop.example.com/stores?state=CA&city=Fresno'],

    // Presigned storage links.
    [
      'an S3 presigned URL',
      'https://bucket.s3.amazonaws.com/invoices/42.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Security-Token=FQoGZXIvYXdzE&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      `https://bucket.s3.amazonaws.com/invoices/42.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${R}&X-Amz-Date=20240524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${R}&X-Amz-Signature=${R}`,
    ],
    [
      'a Google Cloud Storage signed URL',
      'https://storage.googleapis.com/b/o.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam&X-Goog-Signature=8a7b',
      `https://storage.googleapis.com/b/o.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${R}&X-Goog-Signature=${R}`,
    ],
    [
      'an Azure SAS link',
      'https://acct.blob.core.windows.net/c/b.pdf?sv=2021-06-08&se=2024-01-01&sr=b&sp=r&sig=abc%2Bdef%3D',
      `https://acct.blob.core.windows.net/c/b.pdf?sv=2021-06-08&se=2024-01-01&sr=b&sp=r&sig=${R}`,
    ],
    [
      'a CloudFront signed URL',
      'https://d111.cloudfront.net/v.mp4?Expires=1700000000&Signature=nitfHRCrtziwO2H&Key-Pair-Id=K2JCJMDEHXQW5F',
      `https://d111.cloudfront.net/v.mp4?Expires=1700000000&Signature=${R}&Key-Pair-Id=${R}`,
    ],

    // Session ids, in the query and in the path.
    ['PHPSESSID', 'https://legacy.example.com/cart.php?PHPSESSID=9a8b7c6d&item=3', `https://legacy.example.com/cart.php?PHPSESSID=${R}&item=3`],
    ['a servlet session in the path', 'https://shop.example.com/cart;jsessionid=1A2B3C4D?item=3', `https://shop.example.com/cart;jsessionid=${R}?item=3`],
    ['ASP.NET', 'https://shop.example.com/?ASP.NET_SessionId=x1&sid=y2', `https://shop.example.com/?ASP.NET_SessionId=${R}&sid=${R}`],

    // Campaign tags are kept, whatever their values say.
    [
      'every utm_ tag',
      'https://shop.example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=reset_password&utm_content=token_button&UTM_Term=api%20key',
      'https://shop.example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=reset_password&utm_content=token_button&UTM_Term=api%20key',
    ],

    // Repeated, encoded, valueless and differently written names.
    ['a repeated secret', 'https://x.example/?token=a&tag=1&token=b&tag=2', `https://x.example/?token=${R}&tag=1&token=${R}&tag=2`],
    ['an escaped letter in the name', 'https://x.example/?acc%65ss_token=abc&x=1', `https://x.example/?acc%65ss_token=${R}&x=1`],
    ['a twice-escaped name', 'https://x.example/?acc%2565ss_token=abc', `https://x.example/?acc%2565ss_token=${R}`],
    ['an escaped separator', 'https://x.example/?access%5Ftoken=abc&api%2Dkey=def', `https://x.example/?access%5Ftoken=${R}&api%2Dkey=${R}`],
    ['a + for a space', 'https://x.example/?access+token=abc', `https://x.example/?access+token=${R}`],
    ['a broken escape beside a secret', 'https://x.example/?q=%E0%A4%A&token=abc', `https://x.example/?q=%E0%A4%A&token=${R}`],
    ['Rails-style nested names', 'https://x.example/?user[password]=hunter2&user%5Bname%5D=jane', `https://x.example/?user[password]=${R}&user%5Bname%5D=jane`],
    ['names without values (nothing to hide)', 'https://x.example/?token&debug&code=&page=2', 'https://x.example/?token&debug&code=&page=2'],
    ['a value without a name', 'https://x.example/?=abc', 'https://x.example/?=abc'],
    [
      'every way of writing access token',
      'https://x.example/?TOKEN=1&Access_Token=2&ACCESS-TOKEN=3&accessToken=4&AccessToken=5&ACCESSTOKEN=6&access.token=7',
      `https://x.example/?TOKEN=${R}&Access_Token=${R}&ACCESS-TOKEN=${R}&accessToken=${R}&AccessToken=${R}&ACCESSTOKEN=${R}&access.token=${R}`,
    ],
    [
      'run-together forms',
      'https://x.example/?apikey=1&sessionid=2&clientsecret=3&authcode=4&newpassword=5&passwd=6&pwd=7&csrfmiddlewaretoken=8&passcode=9',
      `https://x.example/?apikey=${R}&sessionid=${R}&clientsecret=${R}&authcode=${R}&newpassword=${R}&passwd=${R}&pwd=${R}&csrfmiddlewaretoken=${R}&passcode=${R}`,
    ],
    [
      'words inside longer names',
      'https://x.example/?authCode=1&X-Amz-Credential=2&refresh_token=3&id_token=4&auth=5&pass=6&secret_answer=7&signature2=8',
      `https://x.example/?authCode=${R}&X-Amz-Credential=${R}&refresh_token=${R}&id_token=${R}&auth=${R}&pass=${R}&secret_answer=${R}&signature2=${R}`,
    ],
    ['";" as a separator', 'https://x.example/?a=1;token=abc', `https://x.example/?a=1;token=${R}`],

    // Values that are addresses themselves.
    [
      'a return address carrying a reset token',
      'https://shop.example.com/login?next=%2Faccount%2Freset%3Freset_token%3Dabc123%26step%3D2',
      'https://shop.example.com/login?next=%2Faccount%2Freset%3Freset_token%3D%5Bredacted%5D%26step%3D2',
    ],
    [
      'a return address carrying an OAuth fragment',
      'https://shop.example.com/go?to=https%3A%2F%2Fapp.example.com%2Fcb%23access_token%3Dxyz%26state%3Ds',
      'https://shop.example.com/go?to=https%3A%2F%2Fapp.example.com%2Fcb%23access_token%3D%5Bredacted%5D%26state%3D%5Bredacted%5D',
    ],
    [
      'a return address with nothing secret (left byte for byte)',
      'https://shop.example.com/login?next=%2Forders%3Fpage%3D2',
      'https://shop.example.com/login?next=%2Forders%3Fpage%3D2',
    ],
    ['a search for "C#"', 'https://shop.example.com/search?q=C%23+books', 'https://shop.example.com/search?q=C%23+books'],

    // Credentials in the address.
    ['a user name and password', 'https://jane:hunter2@shop.example.com/account?x=1', 'https://shop.example.com/account?x=1'],
    ['a user name alone', 'https://jane@shop.example.com/', 'https://shop.example.com/'],
    ['a password holding "@"', 'https://jane:p@ss@shop.example.com/', 'https://shop.example.com/'],
    ['a scheme-relative address', '//jane:pw@cdn.example.com/a?key=1', `//cdn.example.com/a?key=${R}`],
    ['a mailto (no authority)', 'mailto:jane@example.com?subject=Hi', 'mailto:jane@example.com?subject=Hi'],

    // Relative and odd addresses.
    ['a relative address', '/reset?token=abc#top', `/reset?token=${R}`],
    ['a query alone', '?code=1', `?code=${R}`],
    ['about:blank', 'about:blank', 'about:blank'],
    ['about:srcdoc', 'about:srcdoc', 'about:srcdoc'],
    ['an empty referrer', '', ''],
    ['stray separators', 'weird?&&token=a&&', `weird?&&token=${R}&&`],
  ])('%s', (_case, address, expected) => {
    expect(redact(address)).toBe(expected);
  });

  it.each([
    ['postcode', 'a postal code is where to deliver, not a secret (code is a whole word only)'],
    ['zipcode', 'likewise'],
    ['zipCode', 'likewise, written in camelCase'],
    ['post_code', 'likewise, written as two words: listed in KEPT'],
    ['country_code', 'a country, not a secret'],
    ['passenger', '"pass" is a whole word only'],
    ['passengers', 'likewise'],
    ['keyword', '"key" is a whole word only'],
    ['keywords', 'likewise'],
    ['authors', '"auth" is a whole word only'],
    ['author_id', 'likewise'],
    ['sidebar', '"sid" is a whole word only'],
    ['monkey', '"key" never matches as an ending'],
    ['barcode', '"code" never matches as an ending'],
    ['sort_key', 'a sort order, listed in KEPT'],
    ['signup', '"sign" is a whole word only'],
    ['state', 'alone, a region or a UI state'],
    ['page', 'nothing secret-looking'],
  ])('keeps %s: %s', (name) => {
    const address = `https://shop.example.com/?${name}=value1`;
    expect(redact(address)).toBe(address);
  });

  it.each(['promo_code', 'coupon_code', 'secrets', 'tokens', 'keys', 'session_count', 'pin'])('redacts %s (money, plurals, or the word itself)', (name) => {
    expect(redact(`https://shop.example.com/?${name}=value1`)).toBe(`https://shop.example.com/?${name}=${R}`);
  });

  it("adds the site's own names, matched as words like the built-in ones", () => {
    const address = 'https://x.example/?order_ref=1&orderRef=2&my-order-ref=3&orderref=4&magic=5&magic_link=6&magiclink=7&order=8&ref=9';
    expect(redact(address, ['order_ref', ' Magic '])).toBe(
      `https://x.example/?order_ref=${R}&orderRef=${R}&my-order-ref=${R}&orderref=${R}&magic=${R}&magic_link=${R}&magiclink=7&order=8&ref=9`,
    );
    expect(redact(address)).toBe(address);
  });

  it("matches the site's names that are not English or ASCII, as the browser escapes them", () => {
    expect(redact('https://x.example/pedido?c%C3%B3digo_pedido=A12&p=1', ['código'])).toBe(`https://x.example/pedido?c%C3%B3digo_pedido=${R}&p=1`);
  });

  it('lets the site redact a utm_ tag it uses for something else', () => {
    expect(redact('https://x.example/?utm_content=jane%40example.com&utm_source=news', ['utm_content'])).toBe(
      `https://x.example/?utm_content=${R}&utm_source=news`,
    );
  });

  it('writes a marker that URL parsers read back as it is, with the name kept', () => {
    const redacted = redact('https://shop.example.com/reset?reset_token=abc&utm_source=news#access_token=xyz');
    const url = new URL(redacted);
    expect(url.href).toBe(redacted);
    expect(url.hash).toBe('');
    expect(url.searchParams.get('reset_token')).toBe('[redacted]');
    expect(url.searchParams.get('utm_source')).toBe('news');
  });

  describe('the length cap', () => {
    it('redacts before cutting, so a secret across the cut leaves no part of itself', () => {
      // The token starts before the cap and ends after it: cut first, its first characters would stay.
      const address = `https://shop.example.com/search?q=${'x'.repeat(2000)}&token=${'S'.repeat(100)}&page=2`;
      const result = redact(address);
      expect(result.length).toBeLessThanOrEqual(MAX);
      expect(result).not.toContain('S');
      expect(result).toBe(`https://shop.example.com/search?q=${'x'.repeat(2000)}`);
    });

    it('cuts at the end of the last parameter that fits, never inside a marker', () => {
      const head = `https://shop.example.com/?q=${'x'.repeat(2005)}`;
      const result = redact(`${head}&code=abcdef&page=2`);
      expect(result).toBe(head);
      expect(result).not.toContain('[reda');
    });

    it('cuts a long path without a query at the cap', () => {
      const address = `https://shop.example.com/${'p'.repeat(3000)}`;
      expect(redact(address)).toBe(address.slice(0, MAX));
    });

    it('cuts a crafted address of megabytes before redacting too, and then redacts an OAuth state whatever is beside it', () => {
      // The code that makes the state secret is past the cut; a run of capitals would make a
      // backtracking word splitter take minutes.
      const address = `https://app.example.com/cb?state=af0ifjs&${'A'.repeat(1_000_000)}=1&code=4%2F0AX4Xf`;
      const result = redact(address);
      expect(result).toBe(`https://app.example.com/cb?state=${R}`);
      const short = redact('https://app.example.com/cb?state=af0ifjs&page=2');
      expect(short).toBe('https://app.example.com/cb?state=af0ifjs&page=2');
    });

    it('leaves an address at the cap whole', () => {
      const address = `https://shop.example.com/?q=${'x'.repeat(MAX - 28)}`;
      expect(address).toHaveLength(MAX);
      expect(redact(address)).toBe(address);
    });
  });
});
