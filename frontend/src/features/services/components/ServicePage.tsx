import type { ReactNode } from "react";
import { ActingFor } from "@/components/ActingFor";
import { Page } from "@/components/Page";
import { useMe } from "@/lib/auth/me";

/** A page of the Cadastre or Arpentage tab: the surveyor acted for shows top right (SPEC §4). */
export function ServicePage({ title, children }: { title: string; children?: ReactNode }) {
  const me = useMe().data;
  return (
    <Page title={title} aside={me && <ActingFor me={me} />}>
      {children}
    </Page>
  );
}
