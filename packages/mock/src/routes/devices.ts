import { listPage } from '../http/list.js';
import type { RouteTable } from '../http/route.js';
import { devicesOfSession, getDevice } from '../services/devices.js';
import { one } from './support.js';

export const deviceRoutes: RouteTable = {
  listDevices: (input) => {
    // A session no device opened, or none of this organization, has no devices (Persona documents no 404 here).
    const sessionId = input.query.filter['inquiry-session-id']!;
    return listPage(input, input.org.collection('devices'), {
      candidates: devicesOfSession(input.org, sessionId),
    });
  },
  retrieveDevice: (input) => one(getDevice(input.org, input.params['device-id']!)),
};
