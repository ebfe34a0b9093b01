import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { dmUpload } from "../lib/upload";

export type DmPrevalidation = components["schemas"]["DmPrevalidation"];

/** Prévalidation d'une DM: the report of rules R1 to R8, nothing is filed. */
export async function prevalidateDm(file: File): Promise<DmPrevalidation> {
  return expectData(
    await api.POST("/api/v1/dm-prevalidations", {
      // The typed body names the part; the serializer sends the file itself.
      body: { file: file.name },
      bodySerializer: () => dmUpload(file),
    }),
  );
}

export function usePrevalidateDm() {
  return useMutation({ mutationFn: prevalidateDm });
}
