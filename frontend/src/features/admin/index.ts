/** Public surface of the admin feature: the ministry's Administration tab (SPEC §15). */
export { adminRoutes } from "./components/routes";
