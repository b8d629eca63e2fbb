/**
 * What wouter imports as `use-sync-external-store/shim`: that package backfills the hook for
 * React 17 and older; React 19 has it built in, so the build points the import here (see
 * vite.config.ts) and the shim's code stays out of the first load.
 */
export { useSyncExternalStore } from "react";
