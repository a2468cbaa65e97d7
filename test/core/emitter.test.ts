import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../widget/core/emitter';

interface TestEvents extends Record<string, unknown> {
  ready: undefined;
  unread: number;
  message: { body: string };
}

describe('createEmitter', () => {
  it('delivers the payload to every handler of that event, in subscription order', () => {
    const emitter = createEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('unread', (n) => calls.push(`a${n}`));
    emitter.on('unread', (n) => calls.push(`b${n}`));
    emitter.on('message', () => calls.push('wrong event'));
    emitter.emit('unread', 3);
    expect(calls).toEqual(['a3', 'b3']);
  });

  it('lets events without a payload be emitted without an argument', () => {
    const emitter = createEmitter<TestEvents>();
    const handler = vi.fn();
    emitter.on('ready', handler);
    emitter.emit('ready');
    expect(handler).toHaveBeenCalledWith(undefined);
  });

  it('does nothing when an event has no handlers', () => {
    const emitter = createEmitter<TestEvents>();
    expect(() => emitter.emit('unread', 1)).not.toThrow();
  });

  it('stops calling a handler after its unsubscribe function runs', () => {
    const emitter = createEmitter<TestEvents>();
    const handler = vi.fn();
    const unsubscribe = emitter.on('unread', handler);
    unsubscribe();
    unsubscribe();
    emitter.emit('unread', 1);
    expect(handler).not.toHaveBeenCalled();
  });

  it('stops calling a handler after off()', () => {
    const emitter = createEmitter<TestEvents>();
    const kept = vi.fn();
    const removed = vi.fn();
    emitter.on('unread', kept);
    emitter.on('unread', removed);
    emitter.off('unread', removed);
    emitter.off('message', () => {});
    emitter.emit('unread', 1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('calls a handler subscribed twice only once, and one off removes it', () => {
    const emitter = createEmitter<TestEvents>();
    const handler = vi.fn();
    emitter.on('unread', handler);
    emitter.on('unread', handler);
    emitter.emit('unread', 1);
    expect(handler).toHaveBeenCalledTimes(1);
    emitter.off('unread', handler);
    emitter.emit('unread', 2);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps calling the other handlers when one throws, and never throws into the caller', () => {
    const onHandlerError = vi.fn();
    const emitter = createEmitter<TestEvents>({ onHandlerError });
    const failure = new Error('host bug');
    const after = vi.fn();
    emitter.on('unread', () => {
      throw failure;
    });
    emitter.on('unread', after);
    expect(() => emitter.emit('unread', 5)).not.toThrow();
    expect(after).toHaveBeenCalledWith(5);
    expect(onHandlerError).toHaveBeenCalledWith(failure, 'unread');
  });

  it('reports a throwing handler on the console when no reporter is given', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const emitter = createEmitter<TestEvents>();
      emitter.on('ready', () => {
        throw new Error('boom');
      });
      expect(() => emitter.emit('ready')).not.toThrow();
      expect(consoleError).toHaveBeenCalledTimes(1);
      expect(String(consoleError.mock.calls[0]?.[0])).toContain('"ready"');
    } finally {
      consoleError.mockRestore();
    }
  });

  it('survives a reporter that throws too', () => {
    const emitter = createEmitter<TestEvents>({
      onHandlerError() {
        throw new Error('reporter bug');
      },
    });
    const after = vi.fn();
    emitter.on('ready', () => {
      throw new Error('boom');
    });
    emitter.on('ready', after);
    expect(() => emitter.emit('ready')).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('lets a handler unsubscribe itself during an emit without skipping the next one', () => {
    const emitter = createEmitter<TestEvents>();
    const calls: string[] = [];
    const unsubscribe = emitter.on('unread', () => {
      calls.push('once');
      unsubscribe();
    });
    emitter.on('unread', () => calls.push('always'));
    emitter.emit('unread', 1);
    emitter.emit('unread', 2);
    expect(calls).toEqual(['once', 'always', 'always']);
  });

  it('does not call a handler that an earlier handler removed during the same emit', () => {
    const emitter = createEmitter<TestEvents>();
    const later = vi.fn();
    emitter.on('unread', () => emitter.off('unread', later));
    emitter.on('unread', later);
    emitter.emit('unread', 1);
    expect(later).not.toHaveBeenCalled();
  });

  it('waits for the next emit before calling a handler added during an emit', () => {
    const emitter = createEmitter<TestEvents>();
    const added = vi.fn();
    emitter.on('unread', () => {
      emitter.on('unread', added);
    });
    emitter.emit('unread', 1);
    expect(added).not.toHaveBeenCalled();
    emitter.emit('unread', 2);
    expect(added).toHaveBeenCalledWith(2);
  });

  it('survives clear() from inside a handler, and clear() removes every handler', () => {
    const emitter = createEmitter<TestEvents>();
    const later = vi.fn();
    const other = vi.fn();
    emitter.on('unread', () => emitter.clear());
    emitter.on('unread', later);
    emitter.on('message', other);
    emitter.emit('unread', 1);
    emitter.emit('message', { body: 'hi' });
    expect(later).not.toHaveBeenCalled();
    expect(other).not.toHaveBeenCalled();
  });
});
