import { useEffect, useRef } from "react";
import { useLocation } from "wouter";

/**
 * After moving between dashboard pages, put keyboard and screen-reader focus on the new page's
 * heading (a client-side route change is otherwise silent). The first render is left alone.
 */
export function useFocusOnNavigate(): void {
  const [location] = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }, [location]);
}
