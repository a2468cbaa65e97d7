import { describe, expect, it } from 'vitest';
import { checkArguments, type ParleyApi, runCommand } from '../../widget/core/commands';

function recordingApi() {
  const calls: Array<[string, unknown[]]> = [];
  const api = new Proxy({} as ParleyApi, {
    get:
      (_target, name: string) =>
      (...args: unknown[]) => {
        calls.push([name, args]);
        if (name === 'identify') throw new Error('boom');
        return name === 'on' ? 'unsubscribe' : undefined;
      },
  });
  return { api, calls };
}

function recordingLog() {
  const errors: string[] = [];
  return { log: { error: (...args: unknown[]) => errors.push(args.map(String).join(' ')), warn: () => {} }, errors };
}

describe('commands', () => {
  it('runs a known command with its arguments and returns its result', () => {
    const { api, calls } = recordingApi();
    const { log, errors } = recordingLog();
    const handler = () => {};
    expect(runCommand(api, 'on', ['message', handler], log)).toBe('unsubscribe');
    runCommand(api, 'open', [], log);
    expect(calls).toEqual([
      ['on', ['message', handler]],
      ['open', []],
    ]);
    expect(errors).toEqual([]);
  });

  it('reports an unknown command with the list of commands, and runs nothing', () => {
    const { api, calls } = recordingApi();
    const { log, errors } = recordingLog();
    expect(runCommand(api, 'opne', [], log)).toBeUndefined();
    expect(runCommand(api, 42, [], log)).toBeUndefined();
    expect(calls).toEqual([]);
    expect(errors[0]).toMatch(/Unknown command "opne".*open, close, toggle/);
  });

  it('never lets a failing command throw into the host page', () => {
    const { api } = recordingApi();
    const { log, errors } = recordingLog();
    expect(() => runCommand(api, 'identify', [{ email: 'a@b.co' }], log)).not.toThrow();
    expect(errors[0]).toMatch(/identify.*failed/);
  });

  it('reports arguments that throw while being checked, instead of throwing', () => {
    const { api, calls } = recordingApi();
    const { log, errors } = recordingLog();
    const hostile = {
      get email(): string {
        throw new Error('nope');
      },
    };
    expect(() => runCommand(api, 'identify', [hostile], log)).not.toThrow();
    expect(calls).toEqual([]);
    expect(errors[0]).toMatch(/identify.*failed/);
  });

  it.each([
    ['identify', [], /email/],
    ['identify', [{ email: 'not-an-email' }], /valid "email"/],
    ['identify', [{ email: 'a@b.co', firstName: 3 }], /strings/],
    ['metadata', ['text'], /plain object/],
    ['metadata', [[1, 2]], /plain object/],
    ['locale', [''], /language tag/],
    ['locale', [12], /language tag/],
    ['newConversation', ['hello'], /subject\?, message\?/],
    ['newConversation', [{ message: 5 }], /strings/],
    ['on', ['mesage', () => {}], /unknown event "mesage".*ready, open, close/],
    ['on', ['message'], /handler function/],
    ['off', ['message', 'x'], /handler function/],
    ['init', [null], /options object/],
    ['sound', [], /true or false.*got undefined/],
    ['sound', ['off'], /true or false.*got "off"/],
  ])('refuses %s with bad arguments %j and says why', (command, args, reason) => {
    expect(checkArguments(command, args)).toMatch(reason);
    const { api, calls } = recordingApi();
    const { log, errors } = recordingLog();
    runCommand(api, command, args, log);
    expect(calls).toEqual([]);
    expect(errors[0]).toContain(`Parley("${command}")`);
  });

  it.each([
    ['identify', [{ email: 'kim@example.com', firstName: 'Kim' }]],
    ['metadata', [{ plan: 'pro' }]],
    ['locale', ['pt-BR']],
    ['newConversation', []],
    ['newConversation', [{ subject: 'Refund', message: 'I want a refund' }]],
    ['off', ['unread', () => {}]],
    ['toggle', []],
    ['sound', [false]],
    ['sound', [true]],
    ['transcript', []],
  ])('accepts %s %j', (command, args) => {
    expect(checkArguments(command, args)).toBeNull();
  });
});
