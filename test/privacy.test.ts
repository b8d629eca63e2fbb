import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { seedDemoData } from "../worker/dev/seed";
import { call } from "./helpers";
import { createGroup, createMember } from "./fixtures";

const PROBE_IP = "198.51.100.77";
const PROBE_UA = "PrivacyProbe/1.0 (X11; Linux x86_64)";
const probe = { "CF-Connecting-IP": PROBE_IP, "User-Agent": PROBE_UA, "X-Forwarded-For": PROBE_IP };
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Every value of every row of every application table, as text. */
async function everyStoredValue(): Promise<{ table: string; value: string }[]> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string }>();
  const out: { table: string; value: string }[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of results)
      for (const v of Object.values(row)) if (v !== null) out.push({ table: name, value: String(v) });
  }
  return out;
}

describe("privacy: what D1 holds after real use", () => {
  it("stores no plaintext email, IP address or user agent", async () => {
    await seedDemoData(env);
    // Sign-in flow for a demo member, from an identifiable client.
    expect(
      (
        await call("/api/auth/magic-link", {
          method: "POST",
          json: { email: "secretary@meetinghouse.test" },
          headers: probe,
        })
      ).status,
    ).toBe(202);
    await call("/api/auth/magic-link", { method: "POST", json: { email: "stranger@example.test" }, headers: probe });
    // A group admin invites someone new.
    const group = await createGroup();
    const admin = await createMember(group.id, ["admin"], { email: "privacy.admin@example.test" });
    await call(`/api/groups/${group.id}/members`, {
      method: "POST",
      json: { email: "invitee@example.test", role: "host" },
      headers: { ...admin.auth, ...probe },
    });
    // An attendee tries to join a room (whatever the gate answers, nothing identifying may be kept).
    const occ = await env.DB.prepare("SELECT id FROM occurrences LIMIT 1").first<{ id: string }>();
    if (occ)
      await call(`/api/occurrences/${occ.id}/join`, { method: "POST", json: { displayName: "Pat" }, headers: probe });
    await new Promise((r) => setTimeout(r, 100)); // background mail tasks

    const values = await everyStoredValue();
    expect(values.length).toBeGreaterThan(50);
    const leaks = values.filter(
      (v) =>
        EMAIL.test(v.value) ||
        v.value.includes(PROBE_IP) ||
        v.value.includes(PROBE_UA) ||
        v.value.includes("PrivacyProbe"),
    );
    // The dev outbox keeps its recipient encrypted too; its sign-in URL contains no address.
    expect(leaks).toEqual([]);
  });
});
