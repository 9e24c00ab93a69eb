import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { newId } from '../core/ids.js';
import type { MockCore } from '../core/mock-core.js';
import type { ResourceRecord } from '../core/types.js';
import { keyOf } from './admin-support.js';
import { errorResponse, toApiError } from './respond.js';
import { present } from './serialize.js';

/** A comment line every so often keeps proxies and idle timers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

/** One Server-Sent Events message: the event's id, its name, and the event as `/api/v1/events/{id}` answers it. */
export function eventMessage(event: ResourceRecord): string {
  const data = JSON.stringify({ data: present(event, {}) });
  return `id: ${event.id}\nevent: ${String(event.attributes.name)}\ndata: ${data}\n\n`;
}

/**
 * `GET /__mock/events/stream`: the organization's events as they are
 * recorded, as Server-Sent Events. It subscribes to the event bus for as
 * long as the client listens and unsubscribes when it goes away.
 */
export function eventStreamHandlers(core: MockCore, heartbeatMs = HEARTBEAT_MS): HttpHandler[] {
  return [
    http.get('*/__mock/events/stream', ({ request }) => {
      let orgId: string;
      try {
        orgId = core.orgFor(keyOf(request)).id;
      } catch (error) {
        return errorResponse(toApiError(error), newId('req'));
      }
      let stop = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const send = (text: string) => {
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              stop(); // the stream was closed under us
            }
          };
          // Events are serialized when recorded: later changes to the object do not rewrite them.
          const unsubscribe = core.events.subscribe((org, event) => {
            if (org.id === orgId) send(eventMessage(event));
          });
          const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
          const onAbort = () => {
            stop();
            try {
              controller.close();
            } catch {
              // already closed
            }
          };
          stop = () => {
            unsubscribe();
            clearInterval(heartbeat);
            request.signal.removeEventListener('abort', onAbort);
          };
          request.signal.addEventListener('abort', onAbort);
          // Tells the client how long to wait before reconnecting, and that the stream is open.
          send(`retry: 2000\n: connected to ${orgId}\n\n`);
        },
        cancel() {
          stop();
        },
      });
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Accel-Buffering': 'no',
        },
      });
    }),
  ];
}
