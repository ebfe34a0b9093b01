import type { RouteObject } from "react-router";
import { AdminLayout } from "./AdminLayout";
import { CommuniquePage } from "./CommuniquePage";
import { DossierMessagePage } from "./DossierMessagePage";
import { JournalPage } from "./JournalPage";
import { OpenDossierPage } from "./OpenDossierPage";
import { SurveyorsPage } from "./SurveyorsPage";

/** /administration and its pages (paths as in lib/paths.ts); AdminLayout guards them all. */
export const adminRoutes: RouteObject = {
  path: "administration",
  element: <AdminLayout />,
  children: [
    { index: true, element: <SurveyorsPage /> },
    { path: "dossiers", element: <OpenDossierPage /> },
    { path: "messages", element: <DossierMessagePage /> },
    { path: "communiques", element: <CommuniquePage /> },
    { path: "journal", element: <JournalPage /> },
  ],
};
