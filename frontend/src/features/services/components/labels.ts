import type { MessageKey } from "@/i18n";
import type { LotCorrectionStatus } from "../api/check-lot-correction";
import type { Dossier } from "../api/list-dossiers";
import type { ProductOrder } from "../api/list-product-orders";

/** French (or English) words for the codes of the API. */
export function statusKey(status: Dossier["status"]): MessageKey {
  return `services.dossierStatus.${status}`;
}

export function kindKey(kind: Dossier["kind"]): MessageKey {
  return `services.kind.${kind}`;
}

export function lotStatusKey(status: LotCorrectionStatus): MessageKey {
  return `services.lotStatus.${status}`;
}

export function productKey(product: ProductOrder["productType"]): MessageKey {
  return `services.product.${product}`;
}

export function formatKey(format: ProductOrder["format"]): MessageKey {
  return `services.format.${format}`;
}

export function orderStatusKey(status: ProductOrder["status"]): MessageKey {
  return `services.orderStatus.${status}`;
}
