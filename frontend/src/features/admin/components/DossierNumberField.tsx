import { TextField } from "@/components/TextField";
import type { FieldBinding } from "@/components/use-form";
import { useI18n } from "@/i18n";

/** The number of a dossier, typed in (7 digits). */
export function DossierNumberField(props: FieldBinding<"number"> & { label: string }) {
  const { t } = useI18n();
  return <TextField {...props} hint={t("admin.dossier.numberHint")} required inputMode="numeric" autoComplete="off" />;
}
