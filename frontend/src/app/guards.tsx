import { Navigate, Outlet, useLocation } from "react-router";
import { Loading } from "@/components/Loading";
import { readLoginState, type LoginState } from "@/lib/auth/login-state";
import { homePath, useMe } from "@/lib/auth/me";
import { useSession } from "@/lib/auth/use-session";

export const loginPath = "/connexion";

/** Protected routes: anonymous visitors go to the login page, then come back. */
export function RequireAuth() {
  const { status, endReason } = useSession();
  const location = useLocation();
  if (status === "pending") return <Loading />;
  if (status === "anonymous") {
    const here = `${location.pathname}${location.search}`;
    const state: LoginState =
      endReason === "logout"
        ? { notice: "loggedOut" }
        : endReason === "expired"
          ? { notice: "sessionExpired", from: here }
          : { from: here };
    return <Navigate to={loginPath} replace state={state} />;
  }
  return <Outlet />;
}

/** Login and sign-up: a signed-in user is sent on to the portal. */
export function GuestOnly() {
  const { status } = useSession();
  const location = useLocation();
  if (status === "pending") return <Loading />;
  if (status === "authenticated") {
    const { from } = readLoginState(location.state);
    return <Navigate to={from ?? "/"} replace />;
  }
  return <Outlet />;
}

/** "/": the login page, or the user's home tab. */
export function HomeRedirect() {
  const { status } = useSession();
  const me = useMe();
  if (status === "anonymous") return <Navigate to={loginPath} replace />;
  if (status === "authenticated" && me.data) return <Navigate to={homePath(me.data)} replace />;
  if (status === "authenticated" && me.isError) return <Navigate to="/cadastre" replace />;
  return <Loading />;
}
