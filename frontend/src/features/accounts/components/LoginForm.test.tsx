import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import { problemResponse, renderWithApp } from "@/test/render";
import { LoginForm } from "./LoginForm";
import { signOutAfterEachTest } from "@/test/session";

describe("LoginForm", () => {
  signOutAfterEachTest();

  it("shows a field error from the API next to its field", async () => {
    const fetch = vi.fn(async (_request: Request) =>
      problemResponse(400, {
        type: "https://espace.cadastre.gouv.qc.ca/problemes/validation_failed",
        title: "Les données soumises sont invalides.",
        status: 400,
        code: "validation_failed",
        errors: [{ pointer: "/password", detail: "Le mot de passe compte au plus 128 caractères." }],
      }),
    );
    vi.stubGlobal("fetch", fetch);
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);

    await user.type(screen.getByLabelText("Nom d'utilisateur *"), "edescartes");
    await user.type(screen.getByLabelText("Mot de passe *"), "secret");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const password = screen.getByLabelText("Mot de passe *");
    await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"));
    expect(password).toHaveAccessibleDescription("Le mot de passe compte au plus 128 caractères.");
    expect(password).toHaveFocus();
    expect(screen.getByLabelText("Nom d'utilisateur *")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Les données soumises sont invalides.");

    const request = fetch.mock.calls[0]?.[0];
    expect(request?.url).toMatch(/\/api\/v1\/auth\/login$/);
    expect(request?.headers.get("X-Refresh-Token-Transport")).toBe("cookie");
    expect(await request?.json()).toEqual({ username: "edescartes", password: "secret" });
  });

  it("shows the French message of a refused login in the alert", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        problemResponse(401, {
          type: "https://espace.cadastre.gouv.qc.ca/problemes/unauthenticated",
          title: "Nom d'utilisateur ou mot de passe invalide.",
          status: 401,
          code: "unauthenticated",
        }),
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    await user.type(screen.getByLabelText("Nom d'utilisateur *"), "edescartes");
    await user.type(screen.getByLabelText("Mot de passe *"), "mauvais");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    await waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent("Nom d'utilisateur ou mot de passe invalide."),
    );
    expect(session.getSnapshot().status).not.toBe("authenticated");
  });

  it("checks required fields before calling the API", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    const username = screen.getByLabelText("Nom d'utilisateur *");
    expect(username).toHaveAttribute("aria-invalid", "true");
    expect(username).toHaveAccessibleDescription("Ce champ est obligatoire.");
    expect(username).toHaveFocus();
    expect(screen.getByLabelText("Mot de passe *")).toHaveAttribute("aria-invalid", "true");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("opens the session on success", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 }), { status: 200 }),
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    await user.type(screen.getByLabelText("Nom d'utilisateur *"), "edescartes");
    await user.type(screen.getByLabelText("Mot de passe *"), "pommes vertes du verger");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    await waitFor(() => expect(session.getSnapshot().status).toBe("authenticated"));
    expect(session.getAccessToken()).toBe("jeton");
  });

  it("is labelled in English when the page is", async () => {
    renderWithApp(<LoginForm />, { locale: "en-CA" });
    expect(screen.getByLabelText("Username *")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Log in" })).toBeInTheDocument();
  });
});
