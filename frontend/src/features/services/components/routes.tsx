import type { RouteObject } from "react-router";
import { ArpentagePage, CadastrePage } from "@/features/portal";

/** /cadastre and its sub-pages. */
export const cadastreRoutes: RouteObject = { path: "cadastre", element: <CadastrePage /> };

/** /arpentage and its sub-pages. */
export const arpentageRoutes: RouteObject = { path: "arpentage", element: <ArpentagePage /> };
