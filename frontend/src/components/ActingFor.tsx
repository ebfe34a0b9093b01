import { Notice } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { fullName, type Me } from "@/lib/auth/me";

/** Top right under Cadastre and Arpentage: the surveyor the user acts for (SPEC §4). */
export function ActingFor({ me }: { me: Me }) {
  const { t } = useI18n();
  if (!me.actingFor) return null;
  return (
    <p className="acting-for">
      <span className="visually-hidden">{t("portal.actingForLabel")} </span>
      {t("portal.actingFor", { name: fullName(me.actingFor), matricule: me.actingFor.matricule })}
      {me.actingFor.endsOn && (
        <>
          {" "}
          <span className="acting-for__ends">
            {t("portal.actingForUntil")} <time dateTime={me.actingFor.endsOn}>{me.actingFor.endsOn}</time>
          </span>
        </>
      )}
    </p>
  );
}

/** A user who is neither a surveyor nor anyone's délégataire gets the guide's message. */
export function NoDelegationNotice({ me }: { me: Me }) {
  const { t } = useI18n();
  if (me.surveyor || me.actingFor || me.mustSelectDelegant || me.delegationEnded) return null;
  return (
    <Notice tone="info">
      <p>{t("portal.noDelegation")}</p>
    </Notice>
  );
}
