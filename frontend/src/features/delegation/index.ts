/** Public surface of the délégation feature (used by the route table in src/app). */
export { DelegationLayout, delegationChildRoutes } from "./components/DelegationLayout";
