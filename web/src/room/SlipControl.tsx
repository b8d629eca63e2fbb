import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ClientMessage } from "#shared/room-protocol";
import { newSlipId, slipNameHash } from "#shared/slip-name-hash";
import { room as strings } from "../i18n/room";
import { saveIssuedSlip } from "../slips/slip-tab";
import type { RoomView } from "./room-state";

type Props = { view: RoomView; send: (m: ClientMessage) => void };

/** Minutes until a slip may be asked for (0: now), from the room's minimum and my admission time. */
export function minutesUntilSlip(minMinutes: number, presentSince: number | null, now: number): number | null {
  if (presentSince === null) return null;
  return Math.max(0, minMinutes - Math.floor((now - presentSince) / 60_000));
}

/**
 * "Proof of attendance": after the meeting's minimum presence, ask for a signed slip. The typed
 * name stays in this browser; only its hash, salted with a fresh slip id, goes to the room.
 */
export function SlipControl({ view, send }: Props) {
  const t = strings.useT();
  const [name, setName] = useState("");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  const { minMinutes, presentSince, status, token } = view.slip;
  const wait = minutesUntilSlip(minMinutes, presentSince, now);
  // The name typed for the request in flight, in memory only until its slip arrives (the room
  // answers one request per person); then kept with the slip in this tab for the printable page.
  const askedName = useRef<string | null>(null);
  useEffect(() => {
    if (token) saveIssuedSlip({ token, name: askedName.current?.trim() ?? "" });
  }, [token]);
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    const sid = newSlipId();
    askedName.current = name;
    send({ type: "slip.request", sid, nameHash: name.trim() ? await slipNameHash(sid, name) : null });
  };
  return (
    <section aria-labelledby="slip-title" className="slip-control">
      <h2 id="slip-title">{t("slip.title")}</h2>
      {status === "issued" && token ? (
        <>
          <p role="status">{t("slip.ready")}</p>
          {/* A named target keeps the opener, so the new tab starts with this tab's slip (sessionStorage) and the meeting stays open here. */}
          <a className="button primary" href="/slip" target="mh-slip">
            {t("slip.print")}
          </a>
          <label className="field">
            <span>{t("slip.token")}</span>
            <textarea readOnly value={token} rows={3} />
          </label>
        </>
      ) : (
        <form onSubmit={ask} className="inline-form">
          <label className="field">
            <span>{t("slip.name")}</span>
            <input value={name} autoComplete="off" maxLength={200} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" disabled={wait === null || wait > 0 || status === "pending"}>
            {t("slip.request")}
          </button>
          <p role="status" className="hint">
            {status === "pending"
              ? t("slip.pending")
              : wait && wait > 0
                ? t.plural("slip.wait", wait)
                : t("slip.nameHint")}
          </p>
        </form>
      )}
    </section>
  );
}
