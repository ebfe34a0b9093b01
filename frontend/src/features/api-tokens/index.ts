/** Public surface of the API-tokens feature (used by the route table in src/app). */
export { ApiTokensPage } from "./components/ApiTokensPage";
