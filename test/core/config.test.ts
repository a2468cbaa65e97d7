import { describe, expect, it } from 'vitest';
import { optionsFromDataset, resolveConfig } from '../../widget/core/config';
import type { ResolvedConfig } from '../../widget/core/options';

const required = { clientKey: 'bnc_cl_live_123', apiUrl: 'https://helpdesk.example.com' };

function configOf(options: Record<string, unknown>): ResolvedConfig {
  const result = resolveConfig({ ...required, ...options });
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.errors.join('; ')}`);
  return result.config;
}

function errorsOf(options: unknown): string[] {
  const result = resolveConfig(options);
  if (result.ok) throw new Error('expected the options to be refused');
  return result.errors;
}

function warningsOf(options: Record<string, unknown>): string[] {
  const result = resolveConfig({ ...required, ...options });
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.errors.join('; ')}`);
  return result.warnings;
}

describe('resolveConfig', () => {
  it('applies the defaults of the product table', () => {
    const result = resolveConfig(required);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        clientKey: 'bnc_cl_live_123',
        apiUrl: 'https://helpdesk.example.com',
        authHeader: 'bearer',
        title: null,
        greeting: null,
        teamName: null,
        color: '#4f46e5',
        colorText: '#ffffff',
        position: 'right',
        offsetX: 20,
        offsetY: 20,
        zIndex: 2147483000,
        theme: 'auto',
        locale: null,
        requireEmail: false,
        priority: 'normal',
        pageInfo: true,
        redactParams: [],
        launcher: true,
        sound: true,
        titleAlert: true,
        open: false,
        mode: 'floating',
        target: null,
        nonce: null,
      },
    });
  });

  it('keeps every valid option', () => {
    const config = configOf({
      authHeader: 'x-api-key',
      title: 'Help',
      greeting: 'Hi there',
      teamName: 'Acme support',
      color: '#FFEB3B80',
      position: 'left',
      offset: { x: 8, y: 40 },
      zIndex: 10,
      theme: 'dark',
      locale: 'pt-br',
      requireEmail: true,
      priority: 'urgent',
      pageInfo: false,
      redactParams: ['order_ref'],
      launcher: false,
      open: true,
      mode: 'inline',
      target: '#support',
      nonce: 'abc123',
    });
    expect(config).toMatchObject({
      authHeader: 'x-api-key',
      title: 'Help',
      greeting: 'Hi there',
      teamName: 'Acme support',
      color: '#ffeb3b',
      colorText: '#000000',
      position: 'left',
      offsetX: 8,
      offsetY: 40,
      zIndex: 10,
      theme: 'dark',
      locale: 'pt-BR',
      requireEmail: true,
      priority: 'urgent',
      pageInfo: false,
      redactParams: ['order_ref'],
      launcher: false,
      open: true,
      mode: 'inline',
      target: '#support',
      nonce: 'abc123',
    });
  });

  it('treats null and undefined as "use the default"', () => {
    const config = configOf({ title: undefined, color: null, offset: null, mode: undefined });
    expect(config.title).toBeNull();
    expect(config.color).toBe('#4f46e5');
    expect(config.offsetX).toBe(20);
  });

  it('uses one offset number for both axes, and the default for a missing axis', () => {
    expect(configOf({ offset: 0 })).toMatchObject({ offsetX: 0, offsetY: 0 });
    expect(configOf({ offset: { y: 64 } })).toMatchObject({ offsetX: 20, offsetY: 64 });
  });

  it('turns blank texts into the localised defaults', () => {
    expect(configOf({ title: '   ', greeting: '' })).toMatchObject({ title: null, greeting: null });
  });

  it('accepts enum values in any case', () => {
    expect(configOf({ position: ' Left ', theme: 'LIGHT' })).toMatchObject({ position: 'left', theme: 'light' });
  });

  describe('keys', () => {
    it('says what is missing when clientKey and apiUrl are absent', () => {
      const errors = errorsOf({});
      expect(errors).toHaveLength(2);
      expect(errors[0]).toMatch(/^clientKey is missing: set data-client-key .*"bnc_cl_…"/);
      expect(errors[1]).toMatch(/^apiUrl is missing: set data-api-url/);
      expect(errorsOf({ clientKey: ' ', apiUrl: '' })).toHaveLength(2);
    });

    it('refuses a server key and says why, without printing the secret', () => {
      const secret = 'bnc_sv_9f8e7d6c5b4a39281706';
      const [error] = errorsOf({ ...required, clientKey: secret });
      expect(error).toContain('clientKey "bnc_sv_…" is a server key');
      expect(error).toContain('secret');
      expect(error).toContain('rotate');
      expect(error).toContain('bnc_cl_');
      expect(error).not.toContain('9f8e7d');
      expect(errorsOf({ ...required, clientKey: ' BNC_SV_abc' })[0]).toMatch(/is a server key/);
    });

    it('refuses a key that is not a client key', () => {
      expect(errorsOf({ ...required, clientKey: 'sk_live_abcdef123' })).toEqual([
        'clientKey "sk_live…" is not a client key: expected a key starting with "bnc_cl_"',
      ]);
      expect(errorsOf({ ...required, clientKey: 42 })[0]).toBe('clientKey must be a string starting with "bnc_cl_", got 42');
    });

    it('refuses a client key that is incomplete or could not go in a header', () => {
      expect(errorsOf({ ...required, clientKey: 'bnc_cl_' })[0]).toMatch(/is incomplete/);
      expect(errorsOf({ ...required, clientKey: 'bnc_cl_ab cd' })[0]).toMatch(/contains spaces/);
      expect(errorsOf({ ...required, clientKey: 'bnc_cl_ab\u0000' })[0]).toMatch(/contains spaces/);
    });

    it('trims a pasted client key', () => {
      expect(configOf({ clientKey: '  bnc_cl_abc\n' }).clientKey).toBe('bnc_cl_abc');
    });
  });

  describe('apiUrl', () => {
    it.each([
      ['https://helpdesk.example.com/', 'https://helpdesk.example.com'],
      ['https://helpdesk.example.com///', 'https://helpdesk.example.com'],
      ['  https://Helpdesk.Example.com/support/  ', 'https://helpdesk.example.com/support'],
      ['http://localhost:8000', 'http://localhost:8000'],
      ['https://helpdesk.example.com:8443/api', 'https://helpdesk.example.com:8443/api'],
    ])('normalises %j to %j', (apiUrl, expected) => {
      expect(configOf({ apiUrl }).apiUrl).toBe(expected);
    });

    it.each([
      ['helpdesk.example.com', 'is not valid: use an absolute URL'],
      ['/api', 'is not valid: use an absolute URL'],
      ['ftp://helpdesk.example.com', 'must start with https://'],
      ['javascript:alert(1)', 'must start with https://'],
      ['https://user:pass@helpdesk.example.com', 'must not contain a user name or password'],
      ['https://helpdesk.example.com/?x=1', 'must not contain a query'],
      ['https://helpdesk.example.com/#top', 'must not contain a query'],
    ])('refuses %j and says why', (apiUrl, reason) => {
      const [error] = errorsOf({ ...required, apiUrl });
      expect(error).toContain(`apiUrl ${JSON.stringify(apiUrl)}`);
      expect(error).toContain(reason);
    });

    it('refuses an apiUrl that is not a string', () => {
      expect(errorsOf({ ...required, apiUrl: 123 })[0]).toBe('apiUrl 123 is not valid: use an absolute URL such as "https://helpdesk.example.com"');
    });

    it('warns when a non-local apiUrl is plain http', () => {
      expect(warningsOf({ apiUrl: 'http://helpdesk.example.com' })[0]).toMatch(/unencrypted; use https/);
      expect(warningsOf({ apiUrl: 'http://127.0.0.1:9000' })).toEqual([]);
    });
  });

  describe('values', () => {
    it.each([
      ['color', 'red', 'color "red" is not valid: use a hex colour such as "#4f46e5" or "#fff"'],
      ['color', '#12345', 'color "#12345" is not valid'],
      ['position', 'top', 'position "top" is not valid: use "right", "left"'],
      ['theme', 'blue', 'theme "blue" is not valid: use "light", "dark", "auto"'],
      ['mode', 'popup', 'mode "popup" is not valid: use "floating", "inline"'],
      ['authHeader', 'basic', 'authHeader "basic" is not valid: use "bearer", "x-api-key"'],
      ['priority', 'critical', 'priority "critical" is not valid: use "low", "normal", "high", "urgent"'],
      ['offset', -5, 'offset -5 is not valid: use a number from 0 to 1000'],
      ['offset', Number.NaN, 'offset NaN is not valid'],
      ['offset', '20px', 'offset "20px" is not valid'],
      ['offset', { x: Number.POSITIVE_INFINITY }, 'offset.x Infinity is not valid'],
      ['offset', { y: 5000 }, 'offset.y 5000 is not valid'],
      ['zIndex', 1.5, 'zIndex 1.5 is not valid: use a whole number from 0 to 2147483647'],
      ['zIndex', 2 ** 40, 'zIndex 1099511627776 is not valid'],
      ['zIndex', -1, 'zIndex -1 is not valid'],
      ['requireEmail', 'yes', 'requireEmail must be true or false, got "yes"'],
      ['open', 'false', 'open must be true or false, got "false"'],
      ['title', 42, 'title must be a string, got 42'],
      ['greeting', ['hi'], 'greeting must be a string, got an array'],
      ['nonce', {}, 'nonce must be a string, got an object'],
      ['locale', () => 'fr', 'locale must be a string, got a function'],
      ['target', 42, 'target 42 is not valid: use a CSS selector'],
    ])('refuses %s %j, naming the option, the value and what is expected', (key, value, expected) => {
      expect(errorsOf({ ...required, [key]: value })).toEqual([expect.stringContaining(expected)]);
    });

    it('reports every problem at once', () => {
      const errors = errorsOf({ clientKey: 'bnc_sv_x', color: 'red', position: 'top', open: 'no' });
      expect(errors).toHaveLength(5);
    });

    it('refuses options that are not an object', () => {
      for (const value of [undefined, null, 'bnc_cl_x', 42, ['bnc_cl_x']]) {
        expect(errorsOf(value)[0]).toMatch(/^options must be an object like \{ clientKey/);
      }
    });
  });

  describe('page info and redaction', () => {
    it('accepts "full" for pageInfo, in any case, beside true and false', () => {
      expect(configOf({ pageInfo: 'full' }).pageInfo).toBe('full');
      expect(configOf({ pageInfo: ' FULL ' }).pageInfo).toBe('full');
      expect(configOf({ pageInfo: true }).pageInfo).toBe(true);
      expect(configOf({ pageInfo: false }).pageInfo).toBe(false);
    });

    it.each([
      ['yes', 'pageInfo must be true, false or "full", got "yes"'],
      ['false', 'pageInfo must be true, false or "full", got "false"'],
      [1, 'pageInfo must be true, false or "full", got 1'],
    ])('refuses pageInfo %j and names the three values', (pageInfo, expected) => {
      expect(errorsOf({ ...required, pageInfo })).toEqual([expected]);
    });

    it('takes redactParams as an array or a comma-separated string, trimmed', () => {
      expect(configOf({ redactParams: ['order_ref', ' invite '] }).redactParams).toEqual(['order_ref', 'invite']);
      expect(configOf({ redactParams: 'order_ref, invite,' }).redactParams).toEqual(['order_ref', 'invite']);
      expect(configOf({ redactParams: '' }).redactParams).toEqual([]);
      expect(configOf({ redactParams: [] }).redactParams).toEqual([]);
    });

    it.each([
      [42, 'redactParams must be an array of parameter names or a comma-separated string such as "order_ref, invite", got 42'],
      [{ order_ref: true }, 'redactParams must be an array of parameter names or a comma-separated string such as "order_ref, invite", got an object'],
      [['order_ref', 7], 'redactParams[1] must be a string, got 7'],
      [['order_ref', '  '], 'redactParams[1] is empty: give a parameter name such as "order_ref"'],
      [['order_ref='], 'redactParams[0] "order_ref=" is not a parameter name: give the name alone, such as "order_ref" (without "=", "&", ";", "?" or "#")'],
      ['invite, ?ref', 'redactParams " ?ref" is not a parameter name'],
      ['__', 'redactParams "__" is not a parameter name'],
    ])('refuses redactParams %j and says why', (redactParams, expected) => {
      expect(errorsOf({ ...required, redactParams })).toEqual([expect.stringContaining(expected)]);
    });

    it('suggests redactParams for the usual slips', () => {
      expect(warningsOf({ redact_params: 'x' })).toEqual(['unknown option "redact_params" is ignored; did you mean "redactParams"?']);
    });
  });

  describe('inline mode', () => {
    it('needs a target', () => {
      expect(errorsOf({ ...required, mode: 'inline' })).toEqual([
        'mode "inline" needs a target: the CSS selector of the element to hold the panel, such as "#support"',
      ]);
      expect(errorsOf({ ...required, mode: 'inline', target: '  ' })[0]).toMatch(/^target " {2}" is not valid/);
    });

    it('accepts an element as the target', () => {
      const element = { nodeType: 1, tagName: 'DIV' } as unknown as Element;
      expect(configOf({ mode: 'inline', target: element }).target).toBe(element);
    });

    it('ignores a target outside inline mode, with a warning', () => {
      const result = resolveConfig({ ...required, target: '#support' });
      expect(result.ok && result.config.target).toBeNull();
      expect(result.ok && result.warnings).toEqual(['target is ignored unless mode is "inline"']);
    });
  });

  describe('warnings', () => {
    it('warns about unknown options without failing', () => {
      expect(warningsOf({ colour: '#fff' })).toEqual(['unknown option "colour" is ignored']);
    });

    it('suggests the right name for the usual slips', () => {
      expect(warningsOf({ client_key: 'x', 'data-api-url': 'y', zindex: 3, offsetX: 4 })).toEqual([
        'unknown option "client_key" is ignored; did you mean "clientKey"?',
        'unknown option "data-api-url" is ignored; did you mean "apiUrl"?',
        'unknown option "zindex" is ignored; did you mean "zIndex"?',
        'unknown option "offsetX" is ignored; did you mean offset: { x: … }?',
      ]);
    });

    it('falls back to the browser language for a malformed locale, with a warning', () => {
      const result = resolveConfig({ ...required, locale: 'english please' });
      expect(result.ok && result.config.locale).toBeNull();
      expect(result.ok && result.warnings[0]).toMatch(/^locale "english please" is not a language tag/);
    });
  });
});

describe('optionsFromDataset', () => {
  it('reads every attribute of the product table', () => {
    const { options, errors } = optionsFromDataset({
      clientKey: 'bnc_cl_1',
      apiUrl: 'https://h.example.com',
      authHeader: 'x-api-key',
      title: 'Help',
      greeting: 'Hello',
      teamName: 'Team',
      color: '#000',
      position: 'left',
      offsetX: '12',
      offsetY: '34.5',
      zIndex: '99',
      theme: 'dark',
      locale: 'fr',
      requireEmail: 'true',
      priority: 'high',
      pageInfo: 'false',
      redactParams: 'order_ref, invite',
      launcher: 'false',
      open: '',
      mode: 'inline',
      target: '#chat',
    });
    expect(errors).toEqual([]);
    expect(options).toEqual({
      clientKey: 'bnc_cl_1',
      apiUrl: 'https://h.example.com',
      authHeader: 'x-api-key',
      title: 'Help',
      greeting: 'Hello',
      teamName: 'Team',
      color: '#000',
      position: 'left',
      offset: { x: 12, y: 34.5 },
      zIndex: 99,
      theme: 'dark',
      locale: 'fr',
      requireEmail: true,
      priority: 'high',
      pageInfo: false,
      redactParams: 'order_ref, invite',
      launcher: false,
      open: true,
      mode: 'inline',
      target: '#chat',
    });
    expect(resolveConfig(options).ok).toBe(true);
  });

  it('gives nothing for a tag without attributes', () => {
    expect(optionsFromDataset({})).toEqual({ options: {}, errors: [] });
  });

  it('treats a bare boolean attribute as true, in any case', () => {
    expect(optionsFromDataset({ open: '', requireEmail: 'TRUE', launcher: ' False ' }).options).toEqual({
      open: true,
      requireEmail: true,
      launcher: false,
    });
  });

  it('reports a boolean attribute it cannot read, by its attribute name', () => {
    expect(optionsFromDataset({ requireEmail: 'yes', pageInfo: '0' })).toEqual({
      options: {},
      errors: ['data-require-email="yes" is not valid: use "true" or "false"', 'data-page-info="0" is not valid: use "true", "false" or "full"'],
    });
  });

  it('reads data-page-info="full" in any case, and data-redact-params as it is written', () => {
    expect(optionsFromDataset({ pageInfo: 'Full', redactParams: ' order_ref ,invite' })).toEqual({
      options: { pageInfo: 'full', redactParams: ' order_ref ,invite' },
      errors: [],
    });
    const { options } = optionsFromDataset({ pageInfo: 'full', redactParams: ' order_ref ,invite' });
    expect(configOf(options)).toMatchObject({ pageInfo: 'full', redactParams: ['order_ref', 'invite'] });
  });

  it('reports numbers that do not parse', () => {
    const { options, errors } = optionsFromDataset({ offsetX: '20px', offsetY: '', zIndex: 'top' });
    expect(options).toEqual({});
    expect(errors).toEqual(['data-offset-x="20px" is not a number', 'data-offset-y="" is not a number', 'data-z-index="top" is not a number']);
  });

  it('keeps one axis when only one offset is given', () => {
    expect(optionsFromDataset({ offsetY: '80' }).options).toEqual({ offset: { y: 80 } });
  });

  it('ignores data attributes that belong to someone else', () => {
    expect(optionsFromDataset({ cfasync: 'false', parleyOpen: '' }).options).toEqual({});
  });

  it('passes empty keys on, so that resolveConfig says they are missing', () => {
    const { options } = optionsFromDataset({ clientKey: '', apiUrl: '' });
    expect(errorsOf(options)[0]).toMatch(/^clientKey is missing/);
  });
});

describe('the reply alerts: data-sound and data-title-alert', () => {
  it('are on unless the site turns them off, on the tag or in init', () => {
    expect(configOf({})).toMatchObject({ sound: true, titleAlert: true });
    expect(configOf({ sound: false, titleAlert: false })).toMatchObject({ sound: false, titleAlert: false });
    const fromTag = optionsFromDataset({ sound: 'false', titleAlert: '' });
    expect(fromTag).toEqual({ options: { sound: false, titleAlert: true }, errors: [] });
  });

  it('are refused by name when they are not true or false', () => {
    expect(optionsFromDataset({ sound: 'off', titleAlert: 'no' }).errors).toEqual([
      'data-sound="off" is not valid: use "true" or "false"',
      'data-title-alert="no" is not valid: use "true" or "false"',
    ]);
    expect(errorsOf({ ...required, sound: 'false', titleAlert: 0 })).toEqual([
      'sound must be true or false, got "false"',
      'titleAlert must be true or false, got 0',
    ]);
  });
});
