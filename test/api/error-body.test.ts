import { describe, expect, it } from 'vitest';
import { describeErrorBody, readableText } from '../../widget/api/error-body';

describe('error bodies', () => {
  it('uses the detail of {"detail": "…"}', () => {
    expect(describeErrorBody(401, '{"detail": "Invalid or revoked API key."}')).toEqual({
      message: 'Invalid or revoked API key.',
      fieldErrors: {},
    });
  });

  it('joins field lists into one readable message and keeps them per field', () => {
    const body = JSON.stringify({
      subject: ['This field is required.'],
      user_email: ['Enter a valid email address.', 'Too long.'],
      non_field_errors: ['The conversation is closed.'],
    });
    expect(describeErrorBody(400, body)).toEqual({
      message: 'Subject: This field is required. User email: Enter a valid email address. Too long. The conversation is closed.',
      fieldErrors: {
        subject: ['This field is required.'],
        user_email: ['Enter a valid email address.', 'Too long.'],
        non_field_errors: ['The conversation is closed.'],
      },
    });
  });

  it('accepts a single string per field and nested objects', () => {
    expect(describeErrorBody(400, '{"body": "May not be blank.", "metadata": {"plan": ["Too long."]}}')).toEqual({
      message: 'Body: May not be blank. Metadata plan: Too long.',
      fieldErrors: { body: ['May not be blank.'], 'metadata.plan': ['Too long.'] },
    });
  });

  it('reduces an HTML error page to its visible text', () => {
    const html =
      '<html>\n<head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\n' +
      '<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>';
    expect(describeErrorBody(502, html).message).toBe('502 Bad Gateway nginx');
  });

  it('keeps plain text, decoding entities and collapsing spaces', () => {
    expect(readableText('  Upstream   &amp; proxy\n\n&lt;down&gt;&#33;  ')).toBe('Upstream & proxy <down>!');
  });

  it('decodes decimal and hex character references, and leaves impossible ones as written', () => {
    expect(readableText('&#65;&#x42;&#X43;&#x1F600; &#0; &#x110000; &bogus;')).toBe('ABC\u{1F600} &#0; &#x110000; &bogus;');
  });

  it('cuts long text to about 200 characters', () => {
    const message = describeErrorBody(500, `<p>${'word '.repeat(100)}</p>`).message;
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message.endsWith('…')).toBe(true);
  });

  it('falls back to a message per status when the body says nothing', () => {
    expect(describeErrorBody(413, '').message).toMatch(/too large/i);
    expect(describeErrorBody(429, '{}').message).toMatch(/too many requests/i);
    expect(describeErrorBody(502, '<html><head><title>x</title></head><body> </body></html>').message).toMatch(/gateway/i);
    expect(describeErrorBody(418, 'null').message).toBe('The helpdesk answered with HTTP 418.');
  });
});
