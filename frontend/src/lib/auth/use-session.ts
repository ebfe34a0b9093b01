import { useSyncExternalStore } from "react";
import { session } from "@/lib/api/client";
import type { SessionSnapshot } from "./session-store";

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}
