import { notFound } from '../core/errors.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteTable } from '../http/route.js';
import { filterList as list } from './support.js';

export const eventRoutes: RouteTable = {
  listEvents: (input) => {
    const events = input.org.collection('events');
    const { filter } = input.query;
    const names = list(filter.name);
    const objectIds = list(filter['object-id']);
    const ids = list(filter.id);
    // One name or one object narrows the walk through an index; several are matched as a set.
    const candidates = intersect(
      names?.length === 1 ? events.lookup('name', names[0]!) : undefined,
      objectIds?.length === 1 ? events.lookup('object', objectIds[0]!) : undefined,
    );
    const nameSet = names && names.length > 1 ? new Set(names) : undefined;
    const objectSet = objectIds && objectIds.length > 1 ? new Set(objectIds) : undefined;
    const idSet = ids ? new Set(ids) : undefined;
    return listPage(input, events, {
      ...(candidates ? { candidates } : {}),
      where: allOf(
        nameSet !== undefined && ((r) => nameSet.has(r.attributes.name as string)),
        objectSet !== undefined &&
          ((r) => objectSet.has((r.attributes.payload as { data: { id: string } }).data.id)),
        idSet !== undefined && ((r) => idSet.has(r.id)),
        createdBetween(filter),
      ),
    });
  },
  retrieveEvent: (input) => {
    const id = input.params['event-id']!;
    const event = input.org.collection('events').get(id);
    if (!event) throw notFound('event', id);
    return { status: 200, data: event };
  },
};
