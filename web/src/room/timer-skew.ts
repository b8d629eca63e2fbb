/**
 * How far a deadline lies beyond the timer's own length, as seen from this device: the amount by
 * which this clock runs behind the room's. Never negative (a timer set earlier has less left).
 */
export function timerSkewMs(timer: { endsAt: number; seconds: number } | null, now: number): number {
  return timer ? Math.max(0, timer.endsAt - now - timer.seconds * 1000) : 0;
}

/**
 * What the share timer has left, never more than its own length: a render's `now` may be a tick
 * old (or older, from before the timer started), and a 1-minute timer must first show 1:00, not 1:01.
 */
export function shareTimeLeftMs(timer: { endsAt: number; seconds: number }, skewMs: number, now: number): number {
  return Math.min(timer.seconds * 1000, Math.max(0, timer.endsAt - skewMs - now));
}
