import { isIPv4 } from 'node:net';

/**
 * Whether a listen address is reachable only from this machine: 127.0.0.0/8,
 * ::1 (or its IPv4-mapped form) and `localhost`. Anything else, including
 * 0.0.0.0, :: and a named host, may be reached over the network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIPv4(v4) && v4.startsWith('127.');
}
