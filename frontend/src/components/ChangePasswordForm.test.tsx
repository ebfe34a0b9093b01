import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import { problemResponse, renderWithApp } from "@/test/render";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { signOutAfterEachTest } from "@/test/session";

describe("ChangePasswordForm", () => {
  signOutAfterEachTest();

  it("has the guide's fields and buttons", () => {
    renderWithApp(<ChangePasswordForm onCancel={() => undefined} />);
    expect(screen.getByText("* Ceci indique que le champ est obligatoire")).toBeInTheDocument();
    expect(screen.getByLabelText("Ancien mot de passe *")).toHaveAttribute("aria-required", "true");
    expect(screen.getByLabelText("Nouveau mot de passe *")).toBeInTheDocument();
    expect(screen.getByLabelText("Confirmer le nouveau mot de passe *")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Soumettre" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Annuler" })).toBeInTheDocument();
  });

  it("checks the confirmation on the client", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const user = userEvent.setup();
    renderWithApp(<ChangePasswordForm onCancel={() => undefined} />);
    await user.type(screen.getByLabelText("Ancien mot de passe *"), "ancien mot de passe");
    await user.type(screen.getByLabelText("Nouveau mot de passe *"), "nouveau mot de passe");
    await user.type(screen.getByLabelText("Confirmer le nouveau mot de passe *"), "autre chose");
    await user.click(screen.getByRole("button", { name: "Soumettre" }));
    expect(screen.getByLabelText("Confirmer le nouveau mot de passe *")).toHaveAccessibleDescription(
      "La confirmation ne correspond pas au mot de passe.",
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows a wrong old password next to Ancien mot de passe, and reports success", async () => {
    session.signIn({ accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 });
    const fetch = vi
      .fn<(request: Request) => Promise<Response>>()
      .mockResolvedValueOnce(
        problemResponse(400, {
          type: "https://espace.cadastre.gouv.qc.ca/problemes/validation_failed",
          title: "Les données soumises sont invalides.",
          status: 400,
          code: "validation_failed",
          errors: [{ pointer: "/currentPassword", detail: "L'ancien mot de passe est erroné." }],
        }),
      )
      .mockResolvedValueOnce(new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetch);
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<ChangePasswordForm onSuccess={onSuccess} onCancel={() => undefined} />);

    await user.type(screen.getByLabelText("Ancien mot de passe *"), "pas le bon");
    await user.type(screen.getByLabelText("Nouveau mot de passe *"), "nouveau mot de passe");
    await user.type(screen.getByLabelText("Confirmer le nouveau mot de passe *"), "nouveau mot de passe");
    await user.click(screen.getByRole("button", { name: "Soumettre" }));

    const current = screen.getByLabelText("Ancien mot de passe *");
    await waitFor(() => expect(current).toHaveAccessibleDescription("L'ancien mot de passe est erroné."));
    expect(current).toHaveAttribute("aria-invalid", "true");
    expect(fetch.mock.calls[0]?.[0].headers.get("Authorization")).toBe("Bearer jeton");

    await user.clear(current);
    await user.type(current, "le bon");
    await user.click(screen.getByRole("button", { name: "Soumettre" }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledOnce());
    expect(current).toHaveValue("");
  });
});
