import type { RouteObject } from "react-router";
import { CommuniquesPage } from "./CommuniquesPage";
import { DepositPage } from "./DepositPage";
import { DossierDetailPage } from "./DossierDetailPage";
import { DossierListPage } from "./DossierListPage";
import { LotCorrectionPage } from "./LotCorrectionPage";
import { LotReservationPage } from "./LotReservationPage";
import { PrevalidationPage } from "./PrevalidationPage";
import { ProductOrderPage } from "./ProductOrderPage";
import { ServicesLayout } from "./ServicesLayout";

/** /cadastre and its sub-pages (paths as in lib/paths.ts). */
export const cadastreRoutes: RouteObject = {
  path: "cadastre",
  element: <ServicesLayout tab="cadastre" />,
  children: [
    { index: true, element: <DossierListPage kind="cadastre" /> },
    { path: "dossiers/:number", element: <DossierDetailPage kind="cadastre" /> },
    { path: "reservation-de-lot", element: <LotReservationPage /> },
    { path: "verification-de-lots", element: <LotCorrectionPage /> },
    { path: "commande-de-produit", element: <ProductOrderPage /> },
    { path: "prevalidation", element: <PrevalidationPage /> },
    { path: "depot", element: <DepositPage /> },
    { path: "communiques", element: <CommuniquesPage /> },
  ],
};

/** /arpentage and its sub-pages. */
export const arpentageRoutes: RouteObject = {
  path: "arpentage",
  element: <ServicesLayout tab="arpentage" />,
  children: [
    { index: true, element: <DossierListPage kind="arpentage" /> },
    { path: "dossiers/:number", element: <DossierDetailPage kind="arpentage" /> },
  ],
};
