import { Link, useLocation } from "react-router";
import { StatusMessage } from "@/components/Messages";
import { Page } from "@/components/Page";
import { useI18n, type MessageKey } from "@/i18n";
import { readLoginState, type LoginNotice } from "@/lib/auth/login-state";
import { LoginForm } from "./LoginForm";

const noticeText: Record<LoginNotice, MessageKey> = {
  accountCreated: "login.noticeAccountCreated",
  passwordReset: "login.noticePasswordReset",
  loggedOut: "login.noticeLoggedOut",
  sessionExpired: "login.noticeSessionExpired",
};

export function LoginPage() {
  const { t } = useI18n();
  const { notice, username } = readLoginState(useLocation().state);
  return (
    <Page title={t("login.title")}>
      {notice && (
        <StatusMessage tone={notice === "sessionExpired" ? "info" : "success"}>{t(noticeText[notice])}</StatusMessage>
      )}
      <p>{t("login.intro")}</p>
      <p>
        {t("login.introFirstTimeBefore")} <strong>{t("login.newUser")}</strong>
        {t("login.introFirstTimeMiddle")} <strong>{t("login.submit")}</strong>
        {t("login.introFirstTimeAfter")}
      </p>
      <LoginForm initialUsername={username} />
      <ul className="link-list">
        <li>
          <Link to="/inscription">{t("login.newUser")}</Link>
        </li>
        <li>
          {t("login.forgotBefore")} <Link to="/nom-utilisateur-oublie">{t("login.forgotUsername")}</Link>{" "}
          {t("login.forgotOr")} <Link to="/mot-de-passe-oublie">{t("login.forgotPassword")}</Link>
        </li>
      </ul>
    </Page>
  );
}
