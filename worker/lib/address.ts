/**
 * The network a connecting address belongs to, as limits and bans see it: an IPv4 address as is,
 * an IPv6 address by its /64 (one subscriber usually holds a whole /64 and can pick any address in
 * it, so counting single IPv6 addresses would let one person multiply their guesses). Anything that
 * does not parse is returned trimmed and lower-cased (it is only ever hashed).
 */
export function addressNetwork(address: string): string {
  const raw = address.trim().toLowerCase();
  if (!raw.includes(":")) return raw;
  const hextets = expandIpv6(raw.replace(/^\[|\]$/g, "").split("%")[0] ?? "");
  return hextets ? `${hextets.slice(0, 4).join(":")}::/64` : raw;
}

/** The eight hextets of an IPv6 address (an embedded IPv4 tail included), or null if malformed. */
function expandIpv6(text: string): string[] | null {
  let address = text;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((n) => n > 255)) return null;
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null;
  return all.map((h) => h.replace(/^0+(?=.)/, ""));
}
