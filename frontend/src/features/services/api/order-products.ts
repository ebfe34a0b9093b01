import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { ProductOrder } from "./list-product-orders";
import { servicesKeys, usePrincipalId } from "./keys";

export type ProductOrderRequest = components["schemas"]["ProductOrderRequest"];
export type ProductType = ProductOrderRequest["productType"];
export type ProductFormat = ProductOrderRequest["format"];

/** Commande de produits cadastraux. */
export async function orderProducts(body: ProductOrderRequest): Promise<ProductOrder> {
  return expectData(await api.POST("/api/v1/product-orders", { body }));
}

export function useOrderProducts() {
  const principal = usePrincipalId();
  return useMutationRefreshing(orderProducts, servicesKeys.productOrders(principal));
}
