import { useEffect, useRef, useState } from "react";
import type { WaitingEntry } from "#shared/room-protocol";

/** How many people in `waiting` were not waiting before (someone just knocked). */
export function newKnocks(before: ReadonlySet<string>, waiting: readonly WaitingEntry[]): number {
  return waiting.reduce((n, w) => n + (before.has(w.id) ? 0 : 1), 0);
}

const SETTING = "mh.knockChime";

/** The host's "chime when someone knocks" switch: off unless chosen, kept on this device. */
export function useChimeSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(SETTING) === "on";
    } catch {
      return false;
    }
  });
  const set = (next: boolean) => {
    setOn(next);
    if (next) localStorage.setItem(SETTING, "on");
    else localStorage.removeItem(SETTING);
    // Browsers let a page make sound only after a gesture: this click unlocks it for later knocks.
    if (next) void audio()?.resume();
  };
  return [on, set];
}

let context: AudioContext | null = null;
function audio(): AudioContext | null {
  if (typeof AudioContext === "undefined") return null;
  context ??= new AudioContext();
  return context;
}

/** A soft two-note chime, made here (no audio file): quiet sine tones with a gentle fade. */
export function playChime(): void {
  const ctx = audio();
  if (!ctx) return;
  const start = ctx.currentTime;
  [660, 880].forEach((frequency, i) => {
    const at = start + i * 0.18;
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.08, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
    tone.connect(gain).connect(ctx.destination);
    tone.start(at);
    tone.stop(at + 0.65);
  });
}

/**
 * Watches the waiting list: on each new knock, says "Someone is waiting" (the caller puts the text
 * in a live region) and, when the host chose it, plays the chime.
 */
export function useKnockAlert(waiting: readonly WaitingEntry[], chime: boolean): number {
  const seen = useRef<ReadonlySet<string>>(new Set(waiting.map((w) => w.id)));
  const [knocks, setKnocks] = useState(0);
  useEffect(() => {
    const fresh = newKnocks(seen.current, waiting);
    seen.current = new Set(waiting.map((w) => w.id));
    if (fresh === 0) return;
    setKnocks((n) => n + 1);
    if (chime) playChime();
  }, [waiting, chime]);
  return knocks;
}
