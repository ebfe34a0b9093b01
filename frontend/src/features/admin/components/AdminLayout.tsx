import { Outlet } from "react-router";
import { Loading } from "@/components/Loading";
import { Notice } from "@/components/Messages";
import { Page } from "@/components/Page";
import { SubNav } from "@/components/SubNav";
import { useI18n } from "@/i18n";
import { useMe } from "@/lib/auth/me";
import { adminPaths } from "../lib/paths";
import "./admin.css";

/**
 * The Administration tab. Its routes are guarded: a user who is not an administrator (per /me)
 * sees why instead of the console (the API refuses them with 403 admin_only anyway).
 */
export function AdminLayout() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return <Loading />;
  if (!me.isAdmin) {
    return (
      <Page title={t("admin.title")}>
        <Notice tone="warning">
          <p>{t("admin.adminOnly")}</p>
        </Notice>
      </Page>
    );
  }
  const items = [
    { to: adminPaths.surveyors, label: t("admin.nav.surveyors"), end: true },
    { to: adminPaths.dossiers, label: t("admin.nav.dossiers") },
    { to: adminPaths.messages, label: t("admin.nav.messages") },
    { to: adminPaths.communiques, label: t("admin.nav.communiques") },
    { to: adminPaths.journal, label: t("admin.nav.journal") },
  ];
  return (
    <>
      <SubNav label={t("admin.nav.label")} items={items} />
      <Outlet />
    </>
  );
}
