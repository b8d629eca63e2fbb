import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app builds into web/dist, which wrangler serves as static assets (SPA fallback).
export default defineConfig({
  root: "web",
  plugins: [react()],
  // wouter's React 17 backfill of useSyncExternalStore → React's own (src/sync-external-store.ts).
  resolve: {
    alias: { "use-sync-external-store/shim/index.js": resolve(import.meta.dirname, "src/sync-external-store.ts") },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    // Every browser the app supports preloads modules natively: no polyfill in the first load.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } } },
});
