import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { stringsReady } from "./i18n/locale";
import "./styles.css";

// The first render waits for the reader's language (a Spanish reader's strings are their own chunk).
const root = document.getElementById("root");
if (root)
  void stringsReady().then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
