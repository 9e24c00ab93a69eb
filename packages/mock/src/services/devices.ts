import { found } from '../core/errors.js';
import { hashKey } from '../core/ids.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';

export function getDevice(org: Org, id: string): ResourceRecord {
  return found(org.collection('devices').get(id), 'device', id);
}

/**
 * The device a browser is, known by fingerprints the mock derives from its
 * user agent (Persona's flow reads more of the browser): the same browser
 * opening several sessions is one device. Browsers have no vendor id; mobile
 * SDKs set one, and the mock serves no SDK.
 */
export function deviceOf(org: Org, userAgent: string | null): ResourceRecord {
  const agent = userAgent ?? '';
  const browser = `${hashKey(`browser:${agent}`)}${hashKey(`canvas:${agent}`)}`;
  const devices = org.collection('devices');
  const known = devices.first('fingerprint', browser);
  if (known) return known;
  return devices.insert({
    type: 'device',
    id: org.newId('dev'),
    attributes: {
      'device-vendor-id': null,
      'device-fingerprint': hashKey(`device:${agent}`),
      'browser-fingerprint': browser,
    },
  });
}

/** The devices that opened an inquiry session: the one it links, if any. */
export function devicesOfSession(org: Org, sessionId: string): string[] {
  const session = org.collection('inquiry-sessions').get(sessionId);
  const device = session?.relationships?.device?.data;
  return device && !Array.isArray(device) && org.collection('devices').has(device.id)
    ? [device.id]
    : [];
}
