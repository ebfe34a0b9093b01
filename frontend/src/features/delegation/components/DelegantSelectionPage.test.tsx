import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { session } from "@/lib/api/client";
import { callsTo, json, mockApi, problem } from "@/test/api-mock";
import { delegantsOfEdith, edith, ids, marie, tokens } from "../test/api-mock";
import { renderDelegation } from "../test/render";
import { signedInForEachTest } from "@/test/session";

const path = "/delegation/selection-d-un-delegant";
const claire = { userId: ids.claire, matricule: "5001", firstName: "Claire", lastName: "Lavoie" };

describe("Sélection d'un délégant", { timeout: 20_000 }, () => {
  signedInForEachTest();

  it("lists the délégants in a radio table and applies the choice with a new token", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": [() => json(edith), () => json({ ...edith, mustSelectDelegant: false, actingFor: claire })],
      "GET /api/v1/delegants": () => json(delegantsOfEdith),
      "POST /api/v1/auth/acting-for": () => tokens("jeton-claire"),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);

    expect(await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Arpenteurs-géomètres pour qui vous pouvez agir" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Sélection", "Matricule", "Arpenteur-géomètre", "Action"]);
    expect(screen.getByText(/Vous êtes le délégataire de plus d'un arpenteur-géomètre/)).toBeInTheDocument();
    const radios = within(table).getAllByRole("radio");
    expect(radios).toHaveLength(3);
    for (const radio of radios) expect(radio).not.toBeChecked();

    // Appliquer without a choice.
    await user.click(screen.getByRole("button", { name: "Appliquer" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Sélectionnez un arpenteur-géomètre.");
    expect(radios[0]).toHaveFocus();
    expect(callsTo(fetch, "POST", "/api/v1/auth/acting-for")).toHaveLength(0);

    await user.click(screen.getByRole("radio", { name: "Claire Lavoie 5001" }));
    await user.click(screen.getByRole("button", { name: "Appliquer" }));
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("Vous agissez maintenant au nom de Claire Lavoie (5001)."),
    );
    expect(screen.getByText("Vous agissez au nom de : Claire Lavoie (5001)")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Claire Lavoie 5001" })).toBeChecked();

    const post = callsTo(fetch, "POST", "/api/v1/auth/acting-for")[0];
    expect(post?.headers.get("X-Refresh-Token-Transport")).toBe("cookie");
    expect(await post?.json()).toEqual({ delegantId: ids.claire });
    // The session now uses the token acting for Claire, and /me was asked again with it.
    expect(session.getAccessToken()).toBe("jeton-claire");
    const mes = callsTo(fetch, "GET", "/api/v1/me");
    expect(mes.at(-1)?.headers.get("Authorization")).toBe("Bearer jeton-claire");
  });

  it("pre-selects the surveyor acted for, shows a surveyor themself, and offers no renunciation for oneself", async () => {
    mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegants": () =>
        json([
          { userId: ids.marie, matricule: "5004", firstName: "Marie", lastName: "Tremblay", since: null, self: true },
        ]),
    });
    renderDelegation(path);
    const self = await screen.findByRole("radio", { name: "Marie Tremblay (vous-même) 5004" });
    expect(self).toBeChecked();
    expect(screen.queryByRole("button", { name: /Renoncer/ })).not.toBeInTheDocument();
    expect(screen.getByText("Vous agissez au nom de : Marie Tremblay (5004)")).toBeInTheDocument();
  });

  it("explains a refusal of the choice (delegation no longer in force)", async () => {
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false, actingFor: claire }),
      "GET /api/v1/delegants": () => json(delegantsOfEdith),
      "POST /api/v1/auth/acting-for": () =>
        problem(403, {
          code: "delegation_not_active",
          title: "Vous n'êtes pas délégataire de cet arpenteur-géomètre.",
        }),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderDelegation(path);
    expect(await screen.findByRole("radio", { name: "Claire Lavoie 5001" })).toBeChecked();
    await user.click(screen.getByRole("radio", { name: "Jean Piette 5003" }));
    await user.click(screen.getByRole("button", { name: "Appliquer" }));
    await waitFor(() =>
      expect(screen.getAllByRole("alert").map((a) => a.textContent)).toContain(
        "Vous n'êtes pas délégataire de cet arpenteur-géomètre.",
      ),
    );
    expect(router.state.location.pathname).toBe(path);
    expect(session.getAccessToken()).toBe("jeton");
  });

  it("lets a délégataire renounce a delegation after confirming", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false, actingFor: claire }),
      "GET /api/v1/delegants": [() => json(delegantsOfEdith), () => json(delegantsOfEdith.slice(0, 2))],
      [`DELETE /api/v1/delegants/${ids.marie}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    const renounce = await screen.findByRole("button", { name: "Renoncer à cette délégation (Marie Tremblay)" });
    expect(renounce).toHaveTextContent("Renoncer à cette délégation");
    await user.click(renounce);
    const dialog = screen.getByRole("alertdialog", { name: "Renoncer à cette délégation" });
    expect(dialog).toHaveAccessibleDescription(/renoncer à agir au nom de Marie Tremblay \(5004\)/);
    await user.click(within(dialog).getByRole("button", { name: "Renoncer" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(screen.getByRole("status")).toHaveTextContent("Vous avez renoncé à agir au nom de Marie Tremblay (5004).");
    await waitFor(() => expect(screen.queryByRole("radio", { name: /Marie Tremblay/ })).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Appliquer" })).toHaveFocus();
    expect(callsTo(fetch, "DELETE", `/api/v1/delegants/${ids.marie}`)).toHaveLength(1);
  });

  it("says when the delegation the session acted under has ended", async () => {
    // /me names nobody although Édith still has délégants: the one she acted for removed her.
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false, delegationEnded: true }),
      "GET /api/v1/delegants": () => json(delegantsOfEdith.slice(0, 2)),
    });
    renderDelegation(path);
    const message = await screen.findByText(
      "La délégation de l'arpenteur-géomètre pour qui vous agissiez n'est plus en vigueur. Sélectionnez un autre délégant.",
    );
    expect(message.closest("[role=alert]")).not.toBeNull();
    expect(screen.getByText("Vous n'agissez actuellement au nom d'aucun arpenteur-géomètre.")).toBeInTheDocument();
  });

  it("is in English when the page is", async () => {
    mockApi({
      "GET /api/v1/me": () => json(edith),
      "GET /api/v1/delegants": () => json(delegantsOfEdith),
    });
    renderDelegation(path, { locale: "en-CA" });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Selection of a delegating surveyor" }),
    ).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Apply" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Delegation" })).toHaveTextContent(
      "Selection of a delegating surveyorActivity tracking",
    );
  });
});
