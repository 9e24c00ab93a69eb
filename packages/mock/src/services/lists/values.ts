// Checks of list values that need more than a pattern. The mock also runs in
// browsers, so these avoid node:net.

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(address: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(address) || address.split('::').length > 2) return false;
  const parts = address.split(':');
  const last = parts.at(-1) ?? '';
  // An IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const groups = ipv4.test(last) ? parts.length + 1 : parts.length;
  if (last.includes('.') && !ipv4.test(last)) return false;
  const hex = ipv4.test(last) ? parts.slice(0, -1) : parts;
  if (!hex.every((g) => g === '' || /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return address.includes('::') ? groups <= 8 : groups === 8;
}

/** An IPv4 or IPv6 address, or a range of either in CIDR notation. */
export function isIpValue(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const v4 = ipv4.test(address);
  if (!v4 && !isIpv6(address)) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (v4 ? 32 : 128);
}

/** A phone number: 7 to 15 digits, with an optional `+` and common punctuation. */
export function isPhoneValue(value: string): boolean {
  return /^\+?[\d\s().-]+$/.test(value) && /^\d{7,15}$/.test(value.replace(/\D/g, ''));
}
