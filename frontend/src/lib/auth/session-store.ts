import type { components } from "@/lib/api/schema.gen";

export type TokenResponse = components["schemas"]["TokenResponse"];

/** pending: the initial refresh has not answered yet. */
export type SessionStatus = "pending" | "authenticated" | "anonymous";

/** Why the session is anonymous: never opened in this page, ended by the user, or lost. */
export type EndReason = "initial" | "logout" | "expired";

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly endReason: EndReason | null;
}

export interface SessionStoreOptions {
  /**
   * Exchanges the refresh cookie for new tokens. Resolves to null when the server refuses
   * (no cookie, revoked, reused); rejects on a network failure.
   */
  refresh: () => Promise<TokenResponse | null>;
  /** Serialises refreshes across the tabs of the browser (the refresh token is single use). */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

/** Runs the task under a Web Lock when the browser has them, so two tabs never rotate the same cookie. */
export async function browserLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  return await locks.request("espace-refresh", () => task());
}

/** Seconds before expiry at which the access token is renewed. */
export function refreshDelayMs(expiresIn: number): number {
  const margin = Math.min(60, expiresIn * 0.2);
  return Math.max(1_000, Math.round((expiresIn - margin) * 1_000));
}

/**
 * Holds the access token in memory only (never in storage), renews it before it expires and
 * exposes the session state to React through subscribe/getSnapshot.
 */
export class SessionStore {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private snapshot: SessionSnapshot = { status: "pending", endReason: null };
  private inflight: Promise<string | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<SessionStoreOptions>;

  constructor(options: SessionStoreOptions) {
    this.options = { lock: (task) => task(), now: () => Date.now(), ...options };
  }

  getAccessToken = (): string | null => this.accessToken;

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Opens (or renews) the session with the tokens of a login or refresh answer. */
  signIn(tokens: TokenResponse): void {
    this.accessToken = tokens.accessToken;
    this.expiresAt = this.options.now() + tokens.expiresIn * 1_000;
    this.schedule(refreshDelayMs(tokens.expiresIn));
    this.setSnapshot("authenticated", null);
  }

  /** Forgets the token. The server side of the session is ended by the logout call, not here. */
  signOut(reason: EndReason): void {
    this.accessToken = null;
    this.expiresAt = 0;
    this.cancelTimer();
    this.setSnapshot("anonymous", reason);
  }

  /**
   * Gets a new access token from the refresh cookie. Concurrent callers share one request,
   * since presenting a refresh token twice ends the whole session on the server.
   */
  refresh(): Promise<string | null> {
    if (!this.inflight) {
      this.inflight = this.runRefresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async runRefresh(): Promise<string | null> {
    let tokens: TokenResponse | null;
    try {
      tokens = await this.options.lock(this.options.refresh);
    } catch {
      // Network failure: keep a token that is still valid and try again shortly.
      if (this.snapshot.status === "authenticated" && this.options.now() < this.expiresAt) {
        this.schedule(15_000);
        return this.accessToken;
      }
      tokens = null;
    }
    if (tokens) {
      this.signIn(tokens);
      return tokens.accessToken;
    }
    this.signOut(this.snapshot.status === "pending" ? "initial" : "expired");
    return null;
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setSnapshot(status: SessionStatus, endReason: EndReason | null): void {
    if (this.snapshot.status === status && this.snapshot.endReason === endReason) return;
    this.snapshot = { status, endReason };
    for (const listener of this.listeners) listener();
  }
}
