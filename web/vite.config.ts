import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app builds into web/dist, which wrangler serves as static assets (SPA fallback).
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022", modulePreload: { polyfill: false } },
  server: { proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } } },
});
