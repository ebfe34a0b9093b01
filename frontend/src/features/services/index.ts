/** Public surface of the services feature: the Cadastre and Arpentage tabs. */
export { cadastreRoutes, arpentageRoutes } from "./components/routes";
