import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys, usePrincipalId } from "./keys";
import { expectPage } from "./page";

export type ProductOrder = components["schemas"]["ProductOrder"];
export type ProductOrderPage = components["schemas"]["ProductOrderPage"];

export async function listProductOrders(page: number): Promise<ProductOrderPage> {
  return expectPage(await api.GET("/api/v1/product-orders", { params: { query: { page } } }));
}

export function useProductOrders(page: number) {
  const principal = usePrincipalId();
  return useQuery({
    queryKey: [...servicesKeys.productOrders(principal), page],
    queryFn: () => listProductOrders(page),
    placeholderData: keepPreviousData,
  });
}
