import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import { useMe } from "@/lib/auth/me";
import { ActingFor, NoDelegationNotice } from "@/components/ActingFor";

/** Cadastre tab. Its services come in later steps. */
export function CadastrePage() {
  const { t } = useI18n();
  const me = useMe().data;
  return (
    <Page title={t("portal.tab.cadastre")} aside={me && <ActingFor me={me} />}>
      <p>{t("portal.cadastre.description")}</p>
      {me && <NoDelegationNotice me={me} />}
    </Page>
  );
}

/** Arpentage tab. */
export function ArpentagePage() {
  const { t } = useI18n();
  const me = useMe().data;
  return (
    <Page title={t("portal.tab.arpentage")} aside={me && <ActingFor me={me} />}>
      <p>{t("portal.arpentage.description")}</p>
      {me && <NoDelegationNotice me={me} />}
    </Page>
  );
}

/** Délégation tab. */
export function DelegationPage() {
  const { t } = useI18n();
  return (
    <Page title={t("portal.tab.delegation")}>
      <p>{t("portal.delegation.description")}</p>
    </Page>
  );
}
