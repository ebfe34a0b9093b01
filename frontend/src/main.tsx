import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { session } from "./lib/api/client";
import "./styles.css";

// The access token lives in memory only: a fresh page asks for one with the refresh cookie.
void session.refresh();

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
