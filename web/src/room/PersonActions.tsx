import { type FormEvent, useState } from "react";
import { type ActionType, roleTargetable } from "#shared/room-actions";
import type { ClientMessage, Participant } from "#shared/room-protocol";
import { LIMITS } from "./protocol-client";
import { host as strings } from "../i18n/host";
import { ConfirmButton } from "./ConfirmButton";

type Props = { person: Participant; handUp: boolean; send: (m: ClientMessage) => void };

/** A host's actions on one person (those the room allows on their role), behind a disclosure so the roster stays readable. */
export function PersonActions({ person, handUp, send }: Props) {
  const t = strings.useT();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(person.name);
  const participantId = person.id;
  // The action table's rule: nothing that the room would refuse for this person's role (a co-host is demoted first).
  const can = (type: ActionType) => roleTargetable(type, person.role);
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) send({ type: "host.rename", participantId, name: name.trim() });
    setRenaming(false);
  };
  return (
    <details className="person-actions">
      <summary>
        {t("person.actions")}
        <span className="visually-hidden"> — {person.name}</span>
      </summary>
      <div className="action-grid">
        {person.muted ? (
          <button type="button" onClick={() => send({ type: "host.unmute", participantId })}>
            {t("person.unmute")}
          </button>
        ) : can("host.mute") ? (
          <button type="button" onClick={() => send({ type: "host.mute", participantId })}>
            {t("person.mute")}
          </button>
        ) : null}
        {handUp ? (
          <button type="button" onClick={() => send({ type: "hand.lower", participantId })}>
            {t("person.lowerHand")}
          </button>
        ) : null}
        {can("host.demote") ? (
          <button type="button" onClick={() => send({ type: "host.demote", participantId })}>
            {t("person.demote")}
          </button>
        ) : null}
        {can("host.promote") ? (
          <button type="button" onClick={() => send({ type: "host.promote", participantId })}>
            {t("person.promote")}
          </button>
        ) : null}
        <button type="button" onClick={() => setRenaming((r) => !r)} aria-expanded={renaming}>
          {t("person.rename")}
        </button>
        {renaming ? (
          <form onSubmit={rename} className="inline-form">
            <label>
              <span className="visually-hidden">{t("person.newName")}</span>
              <input value={name} maxLength={LIMITS.nameChars} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit">{t("person.saveName")}</button>
          </form>
        ) : null}
        {can("host.sendToWaiting") ? (
          <button type="button" onClick={() => send({ type: "host.sendToWaiting", participantId })}>
            {t("person.toWaiting")}
          </button>
        ) : null}
        {can("host.remove") ? (
          <ConfirmButton
            label={t("person.remove")}
            confirmText={t("person.removeConfirm", { name: person.name })}
            confirmLabel={t("person.removeYes")}
            onConfirm={() => send({ type: "host.remove", participantId })}
          />
        ) : null}
        {can("host.ban") ? (
          <ConfirmButton
            label={t("person.ban")}
            confirmText={t("person.banConfirm", { name: person.name })}
            confirmLabel={t("person.banYes")}
            onConfirm={() => send({ type: "host.ban", participantId })}
          />
        ) : null}
      </div>
    </details>
  );
}
