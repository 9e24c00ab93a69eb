import type { ChangeSignal, EventSink, Org } from './org.js';
import type { ResourceRecord } from './types.js';

/** Called with each event as it is recorded, inside the change that caused it: keep it cheap. */
export type EventSubscriber = (org: Org, event: ResourceRecord) => void;

/** Called with each change signal, inside the change: keep it cheap. */
export type SignalSubscriber = (org: Org, signal: ChangeSignal) => void;

/**
 * Where recorded events go next (webhook deliveries, workflows that listen to
 * events, deadlines). `recordEvent` is its one entry point. Signals are a
 * separate channel for changes Persona sends no event for: only the mock's
 * own machinery listens, so they never reach `/events` or a webhook.
 */
export class EventBus implements EventSink {
  #subscribers: EventSubscriber[] = [];
  #signalSubscribers: SignalSubscriber[] = [];

  subscribe(subscriber: EventSubscriber): () => void {
    this.#subscribers = [...this.#subscribers, subscriber];
    return () => {
      this.#subscribers = this.#subscribers.filter((s) => s !== subscriber);
    };
  }

  subscribeSignals(subscriber: SignalSubscriber): () => void {
    this.#signalSubscribers = [...this.#signalSubscribers, subscriber];
    return () => {
      this.#signalSubscribers = this.#signalSubscribers.filter((s) => s !== subscriber);
    };
  }

  /** How many listen to events now (a stream that went away must not stay counted). */
  get subscriberCount(): number {
    return this.#subscribers.length;
  }

  publish(org: Org, event: ResourceRecord): void {
    for (const subscriber of this.#subscribers) subscriber(org, event);
  }

  signal(org: Org, signal: ChangeSignal): void {
    for (const subscriber of this.#signalSubscribers) subscriber(org, signal);
  }
}
