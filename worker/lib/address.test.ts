import { describe, expect, it } from "vitest";
import { addressNetwork } from "./address";

describe("addressNetwork", () => {
  it("keeps an IPv4 address whole", () => {
    expect(addressNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(addressNetwork(" 203.0.113.9 ")).toBe("203.0.113.9");
  });

  it("reduces every address of one IPv6 /64 to the same network", () => {
    const a = addressNetwork("2001:db8:85a3:42::1");
    expect(a).toBe("2001:db8:85a3:42::/64");
    expect(addressNetwork("2001:0DB8:85A3:0042:ffff:ffff:ffff:ffff")).toBe(a);
    expect(addressNetwork("2001:db8:85a3:42:1234:5678:9abc:def0")).toBe(a);
    expect(addressNetwork("[2001:db8:85a3:42::99]")).toBe(a);
    expect(addressNetwork("2001:db8:85a3:43::1")).not.toBe(a);
  });

  it("expands :: anywhere and an embedded IPv4 tail", () => {
    expect(addressNetwork("::1")).toBe("0:0:0:0::/64");
    expect(addressNetwork("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("::ffff:192.0.2.1")).toBe("0:0:0:0::/64");
    expect(addressNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("passes malformed text through (it is only hashed)", () => {
    expect(addressNetwork("1::2::3")).toBe("1::2::3");
    expect(addressNetwork("local")).toBe("local");
  });
});
