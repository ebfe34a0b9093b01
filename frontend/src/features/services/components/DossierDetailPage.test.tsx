import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json } from "@/test/api-mock";
import { dossierOf, pierre, pierreRef, renderSignedIn } from "../test/api";
import type { DossierMessage } from "../api/list-dossier-messages";
import { DossierDetailPage } from "./DossierDetailPage";
import { DossierListPage } from "./DossierListPage";
import { signOutAfterEachTest } from "@/test/session";

const dossier = dossierOf({ unreadMessages: 1 });

const messageId = "9f1c0d2e-0000-4000-8000-0000000000b1";
const unread: DossierMessage = {
  id: messageId,
  dossierNumber: "1093112",
  subject: "Plan à corriger",
  body: "Le plan doit indiquer la superficie du lot 6 123 402.",
  postedAt: "2026-11-26T14:00:00Z",
  read: false,
  readAt: null,
  readBy: null,
};
const read: DossierMessage = { ...unread, read: true, readAt: "2026-11-27T15:00:00Z", readBy: pierreRef };

describe("unread markers", () => {
  signOutAfterEachTest();

  it("marks a dossier with unread messages in Suivi des dossiers", async () => {
    renderSignedIn(
      pierre,
      {
        "GET /api/v1/dossiers": () =>
          json({
            items: [dossier, { ...dossier, number: "1093113", unreadMessages: 0, read: false }],
            page: 1,
            pageSize: 10,
            totalItems: 2,
            totalPages: 1,
          }),
      },
      { element: <DossierListPage kind="cadastre" />, path: "/cadastre" },
    );
    const table = await screen.findByRole("table", { name: "Suivi des dossiers" });
    const [withUnread, withoutUnread] = within(table).getAllByRole("row").slice(1);
    expect(within(withUnread!).getByRole("link", { name: "1093112" })).toHaveAttribute(
      "href",
      "/cadastre/dossiers/1093112",
    );
    expect(withUnread).toHaveTextContent("1 Non lu");
    expect(withUnread).toHaveTextContent(/Oui$/);
    expect(withoutUnread).not.toHaveTextContent("Non lu");
    expect(withoutUnread).toHaveTextContent(/Non$/);
  });

  it("opens an unread message, reads it for the surveyor and drops the marker", async () => {
    let messages = [unread];
    const { fetch } = renderSignedIn(
      pierre,
      {
        "GET /api/v1/dossiers/1093112": () => json(dossier),
        "GET /api/v1/dossiers/1093112/messages": () => json(messages),
        [`POST /api/v1/dossiers/1093112/messages/${messageId}/read`]: () => {
          messages = [read];
          return json(read);
        },
      },
      {
        element: <DossierDetailPage kind="cadastre" />,
        path: "/cadastre/dossiers/1093112",
        pattern: "/cadastre/dossiers/:number",
      },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Dossier 1093112" })).toBeInTheDocument();
    const item = (await screen.findByRole("button", { name: "Plan à corriger" })).closest("li");
    expect(item).not.toBeNull();
    expect(within(item!).getByText("Non lu")).toBeInTheDocument();
    const body = within(item!).getByText(unread.body);
    expect(body).not.toBeVisible();

    const user = userEvent.setup();
    const toggle = within(item!).getByRole("button", { name: "Plan à corriger" });
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(body).toBeVisible();
    await waitFor(() => expect(within(item!).queryByText("Non lu")).not.toBeInTheDocument());
    expect(item).toHaveTextContent("par Pierre Quiroule");
    expect(callsTo(fetch, "POST", `/api/v1/dossiers/1093112/messages/${messageId}/read`)).toHaveLength(1);

    // Closing and opening again does not read it twice.
    await user.click(toggle);
    await user.click(toggle);
    expect(callsTo(fetch, "POST", `/api/v1/dossiers/1093112/messages/${messageId}/read`)).toHaveLength(1);
  });
});
