/** Public surface of the activity feature (used by the route table in src/app). */
export { ActivityPage } from "./components/ActivityPage";
