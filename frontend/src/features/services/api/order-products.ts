import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
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
  const queryClient = useQueryClient();
  const principal = usePrincipalId();
  return useMutation({
    mutationFn: orderProducts,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: servicesKeys.productOrders(principal) }),
  });
}
