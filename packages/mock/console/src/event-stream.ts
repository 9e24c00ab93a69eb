// The organization's events, live, from GET /__mock/events/stream. EventSource
// cannot send headers (the key, the admin token), so the stream is read with
// fetch and its Server-Sent Events parsed here; it reconnects when it drops.
import type { Connection, Resource } from './connection.js';

export type StreamState = 'connecting' | 'live' | 'offline';
export type EventListener = (event: Resource) => void;

export interface EventStream {
  state: StreamState;
  /** Calls `listener` with each event as it is recorded; returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  onState(listener: (state: StreamState) => void): () => void;
  close(): void;
}

/** Splits a Server-Sent Events text into complete messages; the rest waits for more. */
export function parseMessages(buffer: string): {
  messages: { event?: string; id?: string; data: string }[];
  rest: string;
} {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages = blocks.flatMap((block) => {
    const message: { event?: string; id?: string; data: string } = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') message.event = value;
      else if (field === 'id') message.id = value;
    }
    message.data = data.join('\n');
    return data.length > 0 ? [message] : [];
  });
  return { messages, rest };
}

export function openEventStream(connection: Connection): EventStream {
  const listeners = new Set<EventListener>();
  const stateListeners = new Set<(state: StreamState) => void>();
  let closed = false;
  let aborter: AbortController | undefined;
  let retryMs = 1_000;

  const stream: EventStream = {
    state: 'connecting',
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      aborter?.abort();
    },
  };
  const setState = (state: StreamState) => {
    if (stream.state === state) return;
    stream.state = state;
    for (const listener of stateListeners) listener(state);
  };

  const run = async () => {
    while (!closed) {
      aborter = new AbortController();
      try {
        setState('connecting');
        const response = await fetch('/__mock/events/stream', {
          headers: { ...connection.headers(), Accept: 'text/event-stream' },
          signal: aborter.signal,
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        setState('live');
        retryMs = 1_000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseMessages(buffer + value);
          buffer = parsed.rest;
          for (const message of parsed.messages) {
            const event = (JSON.parse(message.data) as { data: Resource }).data;
            for (const listener of listeners) listener(event);
          }
        }
      } catch {
        // dropped, refused or closed: try again below unless closed
      }
      if (closed) break;
      setState('offline');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 15_000);
    }
  };
  void run();
  return stream;
}

/** The object an event is about (`payload.data`), as a type and an id. */
export function subjectOf(event: Resource): { type: string; id: string } | undefined {
  const payload = event.attributes.payload as { data?: { type?: string; id?: string } } | undefined;
  const data = payload?.data;
  return data?.type && data.id ? { type: data.type, id: data.id } : undefined;
}
