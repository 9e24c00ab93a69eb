import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { ApiError, badRequest } from '../core/errors.js';
import type { DeliveryState, WebhookDeliveries } from '../delivery/deliveries.js';
import type { OrgAdminRoute } from './admin-support.js';

const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed'];

/** `/__mock/webhook-deliveries`: the delivery log, redelivery, and a wait for what is due. */
export function deliveryHandlers(
  deliveries: WebhookDeliveries,
  forOrg: OrgAdminRoute,
): HttpHandler[] {
  return [
    http.get(
      '*/__mock/webhook-deliveries',
      forOrg((org, request) => {
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
      forOrg(async (org) => {
        await deliveries.settle(org);
        return deliveries.pending(org);
      }),
    ),
    http.post(
      '*/__mock/webhook-deliveries/:id/redeliver',
      forOrg((org, _request, params) => {
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
