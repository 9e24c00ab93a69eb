import { type HttpHandler, http } from 'msw';
import { ApiError, badRequest } from '../core/errors.js';
import type { MockCore } from '../core/mock-core.js';
import type { DeliveryState, WebhookDeliveries } from '../delivery/deliveries.js';
import { type AdminRoute, keyOf } from './admin-support.js';

const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed'];

/** `/__mock/webhook-deliveries`: the delivery log, redelivery, and a wait for what is due. */
export function deliveryHandlers(
  core: MockCore,
  deliveries: WebhookDeliveries,
  admin: AdminRoute,
): HttpHandler[] {
  return [
    http.get(
      '*/__mock/webhook-deliveries',
      admin((request) => {
        const org = core.orgFor(keyOf(request));
        const query = new URL(request.url).searchParams;
        const state = query.get('state');
        if (state !== null && !STATES.includes(state as DeliveryState)) {
          throw badRequest(`state must be one of ${STATES.join(', ')}`);
        }
        const webhookId = query.get('webhookId');
        const eventId = query.get('eventId');
        const data = deliveries
          .list(org)
          .filter(
            (d) =>
              (state === null || d.state === state) &&
              (webhookId === null || d.webhookId === webhookId) &&
              (eventId === null || d.eventId === eventId),
          );
        return { data };
      }),
    ),
    http.post(
      '*/__mock/webhook-deliveries/flush',
      admin(async (request) => {
        const org = core.orgFor(keyOf(request));
        await deliveries.settle(org);
        return deliveries.pending(org);
      }),
    ),
    http.post(
      '*/__mock/webhook-deliveries/:id/redeliver',
      admin((request, params) => {
        const org = core.orgFor(keyOf(request));
        const id = String(params.id);
        const delivery = deliveries.redeliver(org, id);
        if (!delivery) {
          throw new ApiError(
            404,
            'Record not found',
            `Could not find webhook delivery with id ${id}`,
          );
        }
        return delivery;
      }),
    ),
  ];
}
