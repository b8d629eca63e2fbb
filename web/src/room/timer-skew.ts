/**
 * How far a deadline lies beyond the timer's own length, as seen from this device: the amount by
 * which this clock runs behind the room's. Never negative (a timer set earlier has less left).
 */
export function timerSkewMs(timer: { endsAt: number; seconds: number } | null, now: number): number {
  return timer ? Math.max(0, timer.endsAt - now - timer.seconds * 1000) : 0;
}
