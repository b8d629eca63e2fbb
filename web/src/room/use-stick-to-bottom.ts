import { useCallback, useLayoutEffect, useRef, useState } from "react";

/** How close to the bottom (px) still counts as "following the conversation". */
const NEAR_BOTTOM_PX = 48;

/**
 * Auto-scroll that respects reading back: new content scrolls the list only while the reader is
 * at the bottom; otherwise it counts what arrived and offers a "jump to latest".
 */
export function useStickToBottom<T extends HTMLElement>(contentKey: string | number | undefined, count: number) {
  const ref = useRef<T>(null);
  const following = useRef(true);
  const seen = useRef(count);
  const [unseen, setUnseen] = useState(0);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    if (following.current) {
      seen.current = count;
      setUnseen(0);
    }
  }, [count]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest item changes.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (following.current) {
      el.scrollTop = el.scrollHeight;
      seen.current = count;
      setUnseen(0);
    } else setUnseen(Math.max(0, count - seen.current));
  }, [contentKey]);

  const jumpToLatest = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    following.current = true;
    el.scrollTop = el.scrollHeight;
    seen.current = count;
    setUnseen(0);
  }, [count]);

  return { ref, onScroll, unseen, jumpToLatest };
}
