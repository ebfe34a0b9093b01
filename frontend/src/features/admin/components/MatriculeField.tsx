import { TextField } from "@/components/TextField";
import type { FieldBinding } from "@/components/use-form";
import { useI18n } from "@/i18n";

/** The matricule of a surveyor, typed in (1 to 6 digits). */
export function MatriculeField(props: FieldBinding<"matricule">) {
  const { t } = useI18n();
  return (
    <TextField
      {...props}
      label={t("admin.grant.matricule")}
      hint={t("admin.grant.matriculeHint")}
      required
      inputMode="numeric"
      autoComplete="off"
    />
  );
}
