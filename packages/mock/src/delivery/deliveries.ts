import { newId } from '../core/ids.js';
import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import { storedRecord } from '../core/stored-record.js';
import type { ResourceRecord } from '../core/types.js';
import { webhookWants } from '../services/webhooks/matching.js';
import { liveSecrets } from '../services/webhooks/secrets.js';
import { signatureHeader } from '../services/webhooks/signature.js';
import { postOnce } from './attempt.js';
import { deliveryBody } from './body.js';
import type { DeliveryView, StoredDelivery } from './delivery-record.js';

export type { DeliveryAttempt, DeliveryState, DeliveryView } from './delivery-record.js';

export interface DeliveryOptions {
  /** What posts to receivers; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** How long one attempt may take before it counts as failed (default 10 s). */
  timeoutMs?: number;
  /** Attempts before a delivery is marked failed (default 8). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each later one, on the organization's clock (default 60 s). */
  backoffMs?: number;
  /** Deliveries kept in each organization's log (default 1,000). */
  logSize?: number;
}

interface Delivery {
  view: DeliveryView;
  org: Org;
  /** What the organization's data keeps of it (the view, the event, the body once built). */
  stored: StoredDelivery;
  /** On the organization's clock, in ms; null when no attempt is scheduled. */
  dueMs: number | null;
  timer?: ReturnType<typeof setTimeout>;
  sending: boolean;
  /** Waiting in its webhook's lane for its first attempt: only the lane sends it. */
  queued: boolean;
}

/** First attempts to one webhook, sent one after another so they arrive in event order. */
interface Lane {
  queue: Delivery[];
  running: boolean;
}

/**
 * Webhook deliveries: a bus subscriber queues one delivery per event and
 * matching webhook; attempts are signed, posted off the request path,
 * retried with exponential backoff on the organization's clock, and logged.
 * The log is kept in the organization's data (journaled with `--db`), so
 * `restore` picks up pending deliveries and retry schedules after a restart.
 */
export class WebhookDeliveries {
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoffMs: number;
  readonly #logSize: number;
  readonly #logs = new Map<string, Map<string, Delivery>>();
  readonly #lanes = new Map<string, Lane>();
  /** Work started and not finished, by organization: what `settle` waits for. */
  readonly #busy = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly core: MockCore,
    options: DeliveryOptions = {},
  ) {
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.#backoffMs = options.backoffMs ?? 60_000;
    this.#logSize = options.logSize ?? 1_000;
  }

  /**
   * Rebuilds the logs from stored data (after it loads): first attempts not
   * made yet are queued again in event order, retries keep their due time on
   * the organization's clock, and an attempt cut short by a stop is made again.
   */
  restore(): void {
    this.forget();
    for (const org of this.core.organizations()) {
      const log = this.#log(org);
      for (const stored of Object.values(org.data.deliveries ?? {})) {
        const { view } = stored;
        const delivery: Delivery = {
          view,
          org,
          stored,
          dueMs: view.nextAttemptAt === null ? null : Date.parse(view.nextAttemptAt),
          sending: false,
          queued: false,
        };
        log.set(view.id, delivery);
        if (view.state !== 'pending') continue;
        if (view.attempts.length === 0) this.#queueFirstAttempt(delivery);
        else this.#scheduleAt(delivery, delivery.dueMs ?? this.#nowMs(org));
      }
    }
  }

  /**
   * The bus subscriber: runs inside the change that recorded the event, so it
   * only queues. An organization without webhooks pays one property read.
   */
  readonly onEvent = (org: Org, event: ResourceRecord): void => {
    const stored = org.data.collections.webhooks;
    if (!stored) return;
    for (const id of stored.keys()) {
      const webhook = storedRecord(stored, id)!;
      if (webhookWants(webhook, event)) this.#enqueue(org, webhook, event);
    }
  };

  /** The organization's deliveries, newest first. */
  list(org: Org): (DeliveryView & { body: string | null })[] {
    return [...(this.#logs.get(org.id)?.values() ?? [])]
      .reverse()
      .map((d) => ({ ...d.view, body: d.stored.body ?? null }));
  }

  /** One more attempt of a delivery, now, whatever its state; undefined when the log has no such id. */
  redeliver(org: Org, id: string): DeliveryView | undefined {
    const delivery = this.#logs.get(org.id)?.get(id);
    if (!delivery) return undefined;
    this.#unschedule(delivery);
    delivery.view.state = 'pending';
    delivery.dueMs = this.#nowMs(org);
    delivery.view.nextAttemptAt = this.#iso(delivery.dueMs);
    this.#save(delivery);
    this.#track(
      org,
      Promise.resolve().then(() => this.#attempt(delivery)),
    );
    return delivery.view;
  }

  /** Sends every retry that is due on the organization's clock (after it moved). */
  runDue(org: Org): void {
    const now = this.#nowMs(org);
    for (const delivery of this.#logs.get(org.id)?.values() ?? []) {
      if (
        delivery.dueMs !== null &&
        delivery.dueMs <= now &&
        !delivery.sending &&
        !delivery.queued
      ) {
        this.#unschedule(delivery);
        this.#track(org, this.#attempt(delivery));
      }
    }
  }

  /**
   * Resolves once every queued or due attempt (of one organization, or of all)
   * has been made and answered. Retries due later stay scheduled.
   */
  async settle(org?: Org): Promise<void> {
    for (;;) {
      const orgs = org ? [org] : this.#orgsWithLogs();
      for (const o of orgs) this.runDue(o);
      const busy = org
        ? [...(this.#busy.get(org.id) ?? [])]
        : [...this.#busy.values()].flatMap((set) => [...set]);
      if (busy.length === 0) return;
      await Promise.allSettled(busy);
    }
  }

  /** Deliveries still waiting for a later retry, and when the earliest falls due. */
  pending(org: Org): { pending: number; nextAttemptAt: string | null } {
    let pending = 0;
    let next: number | null = null;
    for (const delivery of this.#logs.get(org.id)?.values() ?? []) {
      if (delivery.view.state !== 'pending') continue;
      pending++;
      if (delivery.dueMs !== null && (next === null || delivery.dueMs < next))
        next = delivery.dueMs;
    }
    return { pending, nextAttemptAt: next === null ? null : this.#iso(next) };
  }

  /** Forgets the log and scheduled retries of one organization, or of all. */
  forget(orgId?: string): void {
    for (const [id, log] of this.#logs) {
      if (orgId !== undefined && id !== orgId) continue;
      for (const delivery of log.values()) this.#unschedule(delivery);
      this.#logs.delete(id);
    }
    for (const [key, lane] of this.#lanes) {
      if (orgId === undefined || key.startsWith(`${orgId}/`)) lane.queue.length = 0;
    }
  }

  #enqueue(org: Org, webhook: ResourceRecord, event: ResourceRecord): void {
    const nowMs = this.#nowMs(org);
    const view: DeliveryView = {
      id: newId('whd'),
      eventId: event.id,
      eventName: event.attributes.name as string,
      webhookId: webhook.id,
      url: webhook.attributes.url as string,
      state: 'pending',
      attempts: [],
      nextAttemptAt: this.#iso(nowMs),
      createdAt: this.#iso(nowMs),
    };
    const delivery: Delivery = {
      view,
      org,
      stored: { view, event },
      dueMs: nowMs,
      sending: false,
      queued: false,
    };
    this.#log(org).set(view.id, delivery);
    this.#save(delivery);
    this.#queueFirstAttempt(delivery);
  }

  /** Puts a delivery in its webhook's lane, which sends first attempts one after another. */
  #queueFirstAttempt(delivery: Delivery): void {
    const { org } = delivery;
    delivery.queued = true;
    const key = `${org.id}/${delivery.view.webhookId}`;
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { queue: [], running: false };
      this.#lanes.set(key, lane);
    }
    lane.queue.push(delivery);
    if (!lane.running) {
      lane.running = true;
      // A timer, not a microtask: the answer to the request goes out first.
      const started = new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.#track(
        org,
        started.then(() => this.#drain(lane)),
      );
    }
  }

  async #drain(lane: Lane): Promise<void> {
    try {
      for (let next = lane.queue.shift(); next; next = lane.queue.shift()) {
        next.queued = false;
        if (next.view.attempts.length === 0 && !next.sending) await this.#attempt(next);
      }
    } finally {
      lane.running = false;
    }
  }

  async #attempt(delivery: Delivery): Promise<void> {
    if (delivery.sending) return;
    delivery.sending = true;
    const { org, view } = delivery;
    try {
      const webhook = org.collection('webhooks').get(view.webhookId);
      const atMs = this.#nowMs(org);
      const at = this.#iso(atMs);
      delivery.dueMs = null;
      view.nextAttemptAt = null;
      if (webhook?.attributes.status !== 'enabled') {
        const status = webhook ? (webhook.attributes.status as string) : 'gone';
        view.attempts.push({ at, status: null, latencyMs: 0, error: `the webhook is ${status}` });
        view.state = 'failed';
        return;
      }
      delivery.stored.body ??= deliveryBody(delivery.stored.event, webhook);
      const body = delivery.stored.body;
      const unix = Math.floor(atMs / 1000);
      const secrets = liveSecrets(webhook, at).map((s) => s.value);
      const made = view.attempts.length + 1;
      const first = view.attempts[0]?.at ?? at;
      const signature = await signatureHeader(body, secrets, unix);
      const outcome = await postOnce(
        this.#fetch,
        view.url,
        body,
        {
          'Persona-Signature': signature,
          'Persona-Webhook-Attempts-Made': String(made),
          'Persona-Webhook-Attempts-Left': String(Math.max(0, this.#maxAttempts - made)),
          'Persona-Webhook-First-Attempted-At': String(Math.floor(Date.parse(first) / 1000)),
        },
        this.#timeoutMs,
      );
      view.attempts.push({ at, ...outcome, signature });
      if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
        view.state = 'delivered';
      } else if (view.attempts.length >= this.#maxAttempts) {
        view.state = 'failed';
      } else {
        this.#schedule(delivery, this.#backoffMs * 2 ** (view.attempts.length - 1));
      }
    } finally {
      delivery.sending = false;
      this.#save(delivery);
      // Made off the request path: nothing else would write the outcome.
      this.core.store.commit().catch(() => undefined);
    }
  }

  /** The next attempt, `waitMs` from now on the organization's clock. */
  #schedule(delivery: Delivery, waitMs: number): void {
    this.#scheduleAt(delivery, this.#nowMs(delivery.org) + waitMs);
  }

  /** The next attempt at `dueMs` on the organization's clock. */
  #scheduleAt(delivery: Delivery, dueMs: number): void {
    const waitMs = Math.max(0, dueMs - this.#nowMs(delivery.org));
    delivery.dueMs = dueMs;
    delivery.view.nextAttemptAt = this.#iso(dueMs);
    // Real time reaches it too, unless the clock is frozen; then only moving the clock does.
    delivery.timer = setTimeout(() => {
      delivery.timer = undefined;
      this.runDue(delivery.org);
    }, waitMs);
    (delivery.timer as { unref?: () => void }).unref?.();
  }

  /** Keeps the delivery as it is now in the organization's data, for the journal. */
  #save(delivery: Delivery): void {
    const { org, view, stored } = delivery;
    // One dropped from the log (evicted, or its organization reset) while it was sent stays out.
    if (this.#logs.get(org.id)?.get(view.id) !== delivery) return;
    org.data.deliveries ??= {};
    org.data.deliveries[view.id] = stored;
    this.core.store.changes.delivery(org.id, view.id);
  }

  #unschedule(delivery: Delivery): void {
    if (delivery.timer) clearTimeout(delivery.timer);
    delivery.timer = undefined;
  }

  #track(org: Org, work: Promise<void>): void {
    let set = this.#busy.get(org.id);
    if (!set) {
      set = new Set();
      this.#busy.set(org.id, set);
    }
    const tracked = work.catch(() => {});
    set.add(tracked);
    void tracked.finally(() => set.delete(tracked));
  }

  #log(org: Org): Map<string, Delivery> {
    let log = this.#logs.get(org.id);
    if (!log) {
      log = new Map();
      this.#logs.set(org.id, log);
    }
    // Oldest out first; a retry still scheduled for it keeps running, unlisted.
    if (log.size >= this.#logSize) {
      const oldest = log.keys().next().value;
      if (oldest !== undefined) {
        log.delete(oldest);
        if (org.data.deliveries) delete org.data.deliveries[oldest];
        this.core.store.changes.delivery(org.id, oldest);
      }
    }
    return log;
  }

  #orgsWithLogs(): Org[] {
    return [...this.#logs.values()].flatMap((log) => {
      const first = log.values().next().value;
      return first ? [first.org] : [];
    });
  }

  #nowMs(org: Org): number {
    return this.core.clockOf(org).nowMs();
  }

  #iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}
