// A tiny typed event emitter. Handlers belong to the host page, so none of them may break the
// widget or each other: every call is isolated and failures are reported, never rethrown.

export type Handler<Payload> = (payload: Payload) => void;

export interface EmitterOptions {
  /** Called when a handler throws. Defaults to console.error so a host's bug stays visible. */
  onHandlerError?(error: unknown, event: string): void;
}

/** Events whose payload is `undefined` (e.g. `ready`) may be emitted without one. */
type PayloadArgs<Payload> = undefined extends Payload ? [payload?: Payload] : [payload: Payload];

export interface Emitter<Events extends Record<string, unknown>> {
  /**
   * Subscribes and returns the matching unsubscribe. Subscribing a handler that is already
   * subscribed to that event does nothing: it is still called once per emit, and a single
   * `off` (or either returned unsubscribe) removes it.
   */
  on<K extends keyof Events & string>(event: K, handler: Handler<Events[K]>): () => void;
  off<K extends keyof Events & string>(event: K, handler: Handler<Events[K]>): void;
  /**
   * Calls the handlers subscribed when the emit starts, in subscription order. A handler
   * removed by an earlier one during this emit is not called; one added during it waits for
   * the next emit (the same rule as the DOM's EventTarget).
   */
  emit<K extends keyof Events & string>(event: K, ...args: PayloadArgs<Events[K]>): void;
  /** Removes every handler of every event. */
  clear(): void;
}

export function createEmitter<Events extends Record<string, unknown>>(options: EmitterOptions = {}): Emitter<Events> {
  // Sets keep insertion order and make double subscription a no-op.
  const handlers = new Map<string, Set<Handler<never>>>();

  function report(error: unknown, event: string): void {
    try {
      if (options.onHandlerError) options.onHandlerError(error, event);
      else console.error(`[Parley] a handler of "${event}" threw:`, error);
    } catch {
      // The reporter itself failed; there is nobody left to tell, and the caller must not see it.
    }
  }

  // An emptied set stays: there are only a handful of event names.
  const off = (event: string, handler: Handler<never>): void => void handlers.get(event)?.delete(handler);

  return {
    on(event, handler) {
      handlers.set(event, (handlers.get(event) ?? new Set()).add(handler as Handler<never>));
      return () => off(event, handler as Handler<never>);
    },
    off: off as Emitter<Events>['off'],
    emit(event, ...args) {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        // Removed by an earlier handler of this emit.
        if (!handlers.get(event)?.has(handler)) continue;
        try {
          (handler as Handler<unknown>)(args[0]);
        } catch (error) {
          report(error, event);
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
