import type { EventSink, Org } from './org.js';
import type { ResourceRecord } from './types.js';

/** Called with each event as it is recorded, inside the change that caused it: keep it cheap. */
export type EventSubscriber = (org: Org, event: ResourceRecord) => void;

/**
 * Where recorded events go next (webhook deliveries; later, workflows that
 * listen to events). `recordEvent` is its one entry point.
 */
export class EventBus implements EventSink {
  #subscribers: EventSubscriber[] = [];

  subscribe(subscriber: EventSubscriber): () => void {
    this.#subscribers = [...this.#subscribers, subscriber];
    return () => {
      this.#subscribers = this.#subscribers.filter((s) => s !== subscriber);
    };
  }

  /** How many listen now (a stream that went away must not stay counted). */
  get subscriberCount(): number {
    return this.#subscribers.length;
  }

  publish(org: Org, event: ResourceRecord): void {
    for (const subscriber of this.#subscribers) subscriber(org, event);
  }
}
