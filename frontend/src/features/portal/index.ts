/** Public surface of the portal feature (used by the route table in src/app). */
export { PortalLayout, portalTabs } from "./components/PortalLayout";
