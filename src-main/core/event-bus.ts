import type { EventName, EventPayload } from '@shared/contract/channels';

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Fan-out of main-side events (training progress, run status, backend) to every connected client:
 * the Electron window and any web-mode pages. A failing listener never stops the others.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (err) {
        process.stderr.write(`Event listener failed for ${event}: ${String(err)}\n`);
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
