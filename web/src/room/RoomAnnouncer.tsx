import { useEffect, useRef, useState } from "react";
import { room as strings } from "../i18n/room";
import { voice as voiceStrings } from "../i18n/voice";
import type { Notice, RoomView } from "./room-state";

type T = ReturnType<typeof strings.useT>;

/** A notice in words: about me ("The host muted you") or about the room ("Hana is now a host"). */
export function noticeText(t: T, notice: Notice): string {
  if (notice.kind === "timerEnded") return t("notice.timerEnded");
  if (notice.kind === "voiceStopped") return voiceStrings.t(`voice.stopped.${notice.reason}`);
  if (notice.kind === "error") {
    if (notice.code === "rate_limited") return t("notice.slowDown");
    if (notice.code === "muted") return t("notice.youAreMuted");
    if (notice.code === "chat_off") return t("chat.block.chatOff");
    if (notice.code === "chat_hosts_only") return t("chat.block.hostsOnly");
    // The room refused to open my microphone: say why, not only that it failed.
    if (notice.code === "no_floor" || notice.code === "host_only")
      return voiceStrings.t(`voice.refused.${notice.code}`);
    if (notice.code === "muted_by_host") return voiceStrings.t("voice.mutedByHost");
    return t("notice.refused");
  }
  const { action, aboutMe, name } = notice;
  if (aboutMe) {
    if (action === "mute") return t("notice.me.mute");
    if (action === "unmute") return t("notice.me.unmute");
    if (action === "promote") return t("notice.me.promote");
    if (action === "demote") return t("notice.me.demote");
    if (action === "rename") return t("notice.me.rename");
  }
  if (action === "muteAll") return t("notice.muteAll");
  if (action === "suspendAll") return t("notice.suspendAll");
  if (action === "resume") return t("notice.resume");
  const who = { name: name ?? t("notice.someone") };
  switch (action) {
    case "mute":
    case "unmute":
    case "promote":
    case "demote":
    case "rename":
    case "remove":
    case "ban":
    case "admit":
    case "deny":
    case "sendToWaiting":
      return t(`notice.other.${action}`, who);
    case "deleteMessage":
      return t("notice.deleted");
    default:
      return t("notice.roomChanged");
  }
}

/**
 * What screen-reader users hear: new chat from others (politely) and moderation notices. The
 * visible notice line shows the latest notice too.
 */
export function RoomAnnouncer({ view }: { view: RoomView }) {
  const t = strings.useT();
  const [spoken, setSpoken] = useState("");
  const lastChat = useRef<string | null>(view.chat.at(-1)?.id ?? null);
  const last = view.chat.at(-1);
  useEffect(() => {
    if (!last || last.id === lastChat.current) return;
    lastChat.current = last.id;
    if (last.participantId !== view.self?.id) setSpoken(t("chat.announce", { name: last.name, text: last.text }));
  }, [last, view.self?.id, t]);
  const notice = view.notice;
  return (
    <>
      <div className="visually-hidden" aria-live="polite">
        {spoken}
      </div>
      <div className="notice-slot" role="status">
        {notice ? (
          <p className={`notice ${notice.kind === "error" ? "notice-error" : "notice-info"}`} key={notice.seq}>
            {noticeText(t, notice)}
          </p>
        ) : null}
      </div>
    </>
  );
}
