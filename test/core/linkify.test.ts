import { describe, expect, it } from 'vitest';
import { linkify, type Segment } from '../../widget/core/linkify';

const text = (value: string): Segment => ({ kind: 'text', text: value });
const link = (value: string, href: string): Segment => ({ kind: 'link', text: value, href });

function links(input: string): Array<{ text: string; href: string }> {
  return linkify(input).flatMap((s) => (s.kind === 'link' ? [{ text: s.text, href: s.href }] : []));
}

/** The text a reader sees must be exactly what was written, links included. */
function rendered(input: string): string {
  return linkify(input)
    .map((s) => s.text)
    .join('');
}

describe('linkify', () => {
  describe('ordinary messages', () => {
    it('returns plain text as one text segment', () => {
      expect(linkify('Hello, my order is late.')).toEqual([text('Hello, my order is late.')]);
    });

    it('returns nothing for an empty message', () => {
      expect(linkify('')).toEqual([]);
    });

    it('links an https URL in the middle of a sentence', () => {
      expect(linkify('See https://example.com/orders/42 for details')).toEqual([
        text('See '),
        link('https://example.com/orders/42', 'https://example.com/orders/42'),
        text(' for details'),
      ]);
    });

    it('links http URLs with ports, queries and fragments', () => {
      expect(links('go to http://localhost:3000/a?b=1&c=2#top now')).toEqual([
        { text: 'http://localhost:3000/a?b=1&c=2#top', href: 'http://localhost:3000/a?b=1&c=2#top' },
      ]);
    });

    it('accepts any letter case in the scheme', () => {
      expect(links('HTTPS://EXAMPLE.COM/Path and hTtP://example.org')).toEqual([
        { text: 'HTTPS://EXAMPLE.COM/Path', href: 'https://example.com/Path' },
        { text: 'hTtP://example.org', href: 'http://example.org/' },
      ]);
    });

    it('links mailto: addresses', () => {
      expect(links('write to mailto:help@example.com?subject=Hi')).toEqual([
        { text: 'mailto:help@example.com?subject=Hi', href: 'mailto:help@example.com?subject=Hi' },
      ]);
      expect(links('MAILTO:Help@Example.com')).toEqual([{ text: 'MAILTO:Help@Example.com', href: 'mailto:Help@Example.com' }]);
    });

    it('links bare www. hosts over https', () => {
      expect(linkify('visit www.example.com/help today')).toEqual([
        text('visit '),
        link('www.example.com/help', 'https://www.example.com/help'),
        text(' today'),
      ]);
    });

    it('links plain email addresses as mailto:', () => {
      expect(linkify('Email jane.doe+orders@shop.example.co.uk.')).toEqual([
        text('Email '),
        link('jane.doe+orders@shop.example.co.uk', 'mailto:jane.doe+orders@shop.example.co.uk'),
        text('.'),
      ]);
    });

    it('keeps line breaks inside the text segments', () => {
      expect(linkify('Line one\nhttps://a.example\r\nLine three\n\n')).toEqual([
        text('Line one\n'),
        link('https://a.example', 'https://a.example/'),
        text('\r\nLine three\n\n'),
      ]);
    });

    it('finds several links and keeps the text between them', () => {
      expect(linkify('a https://a.example b www.b.example c c@d.example')).toEqual([
        text('a '),
        link('https://a.example', 'https://a.example/'),
        text(' b '),
        link('www.b.example', 'https://www.b.example/'),
        text(' c '),
        link('c@d.example', 'mailto:c@d.example'),
      ]);
    });

    it.each([
      ['https://example.com.', 'https://example.com', '.'],
      ['https://example.com,', 'https://example.com', ','],
      ['https://example.com;', 'https://example.com', ';'],
      ['https://example.com:', 'https://example.com', ':'],
      ['https://example.com!', 'https://example.com', '!'],
      ['https://example.com?', 'https://example.com', '?'],
      ['https://example.com/a?!.', 'https://example.com/a', '?!.'],
      ['https://example.com/…', 'https://example.com/', '…'],
      ["'https://example.com'", 'https://example.com', "'"],
    ])('leaves trailing punctuation out of %j', (input, expected, rest) => {
      const [found] = links(input);
      expect(found?.text).toBe(expected);
      expect(rendered(input)).toBe(input);
      expect(rendered(input).endsWith(rest)).toBe(true);
    });

    it('leaves an unbalanced closing parenthesis out of the link', () => {
      expect(linkify('(see https://example.com/help)')).toEqual([text('(see '), link('https://example.com/help', 'https://example.com/help'), text(')')]);
    });

    it('keeps balanced parentheses that belong to the URL', () => {
      expect(links('(https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual([
        { text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      ]);
    });

    it('leaves an unbalanced closing bracket out of the link', () => {
      expect(links('[https://example.com/x]')[0]?.text).toBe('https://example.com/x');
    });

    it('does not link a scheme with nothing after it', () => {
      expect(linkify('type http:// then the host')).toEqual([text('type http:// then the host')]);
      expect(linkify('www. is a prefix')).toEqual([text('www. is a prefix')]);
      expect(linkify('mailto: someone')).toEqual([text('mailto: someone')]);
    });

    it('does not link things that only look a bit like addresses', () => {
      expect(links('version 1.2.3, file report.pdf, @handle, a@b, user@localhost')).toEqual([]);
    });

    it('stops at a link inside angle brackets and quotes', () => {
      expect(linkify('<https://example.com/x>')).toEqual([text('<'), link('https://example.com/x', 'https://example.com/x'), text('>')]);
    });

    it('encodes what the URL parser encodes, so the href is always well formed', () => {
      expect(links('https://example.com/ä?q=ü')[0]?.href).toBe('https://example.com/%C3%A4?q=%C3%BC');
      expect(links('https://bücher.example/')[0]?.href).toBe('https://xn--bcher-kva.example/');
    });
  });

  describe('hostile input', () => {
    const neverLinks = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'JAVASCRIPT:alert(document.cookie)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\u0000script:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'javascript&colon;alert(1)',
      'javascript://%0aalert(1)',
      'javascript://example.com/%0aalert(1)',
      'vbscript:msgbox(1)',
      'VBScript:MsgBox(1)',
      'data:text/html,<script>alert(1)</script>',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'DATA:image/svg+xml,<svg onload=alert(1)>',
      'file:///etc/passwd',
      'FILE://c:/windows/win.ini',
      'blob:https://example.com/550e8400-e29b-41d4-a716-446655440000',
      'ftp://files.example.com/pub',
      'FTP://www.example.com/pub',
      'about:blank',
      'chrome://settings',
      'view-source:https://example.com',
      'intent://example.com#Intent;scheme=http;end',
      'tel:+15555550100',
      'sms:+15555550100',
      'http:alert(1)',
      'http:/example.com',
      'https:\\\\example.com',
      'http://',
      'https://:80',
      'http://example.com:99999/',
      'http://[::1',
      'mailto:',
      'mailto:nobody',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">click me</a>',
      '<svg/onload=alert(1)>',
      '<iframe src="data:text/html,x"></iframe>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      'www.',
      'www.example',
      'www..example.com',
    ];

    it.each(neverLinks)('keeps %j as plain text', (input) => {
      expect(linkify(input)).toEqual([text(input)]);
    });

    it('never produces a link to anything but http, https or mailto', () => {
      const mixes = [
        'javascript:alert("https://example.com")',
        'click javascript:window.location="http://evil.example"',
        '<a href="http://example.com">x</a><a href=javascript:alert(1)>y</a>',
        'http://javascript:alert(1)',
        'https://example.com/javascript:alert(1)',
        'www.javascript:alert(1)',
        'mailto:javascript:alert(1)@x.com',
        'data:text/html,https://example.com',
        'x@javascript:alert(1).com',
        '"onmouseover="alert(1)"@example.com',
        'http://example.com/"onmouseover="alert(1)',
        'http://example.com/<script>',
        'https://example.com\u202egnp.exe',
        'https://exa\u200bmple.com',
      ];
      for (const input of mixes) {
        for (const found of links(input)) {
          expect(found.href, input).toMatch(/^(https?:\/\/|mailto:)/);
          expect(() => new URL(found.href), input).not.toThrow();
          expect(found.href, input).not.toMatch(/[\s<>"]/);
        }
        expect(rendered(input), input).toBe(input);
      }
    });

    it('keeps markup around a real link as literal text', () => {
      expect(linkify('<a href="https://example.com">x</a>')).toEqual([text('<a href="'), link('https://example.com', 'https://example.com/'), text('">x</a>')]);
    });

    it('ends a link at invisible and direction-changing characters', () => {
      expect(links('https://example.com\u202egnp.exe')[0]?.text).toBe('https://example.com');
      expect(links('https://exa\u200bmple.com')[0]?.text).toBe('https://exa');
    });

    it('keeps a URL with a user name as text, since it hides the real host', () => {
      expect(linkify('http://bank.example@evil.example/login')).toEqual([text('http://bank.example@evil.example/login')]);
      expect(linkify('https://user:pass@example.com')).toEqual([text('https://user:pass@example.com')]);
    });

    it('leaves an HTML entity stuck to the end out of the link', () => {
      expect(linkify('&lt;https://example.com/a&gt;')).toEqual([text('&lt;'), link('https://example.com/a', 'https://example.com/a'), text('&gt;')]);
    });

    it('does not link part of another scheme', () => {
      expect(linkify('blob:https://example.com/x')).toEqual([text('blob:https://example.com/x')]);
      expect(linkify('ftp://user@files.example.com')).toEqual([text('ftp://user@files.example.com')]);
    });

    it.each([
      ['a long run of address characters', `${'a'.repeat(50_000)}@${'b.'.repeat(20_000)}!`],
      ['many URLs glued together', 'https://x.example/'.repeat(5_000)],
      ['a URL ending in a flood of brackets', `https://x.example/${')'.repeat(50_000)}${'.'.repeat(50_000)}`],
      ['a URL ending in entities', `https://x.example/${'&gt;'.repeat(20_000)}`],
      ['a flood of scheme starts', 'http://'.repeat(20_000)],
      ['a flood of www.', 'www.'.repeat(20_000)],
    ])('handles %s in linear time', (_name, input) => {
      const started = performance.now();
      expect(rendered(input)).toBe(input);
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  });
});
