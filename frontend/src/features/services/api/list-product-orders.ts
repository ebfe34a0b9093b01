import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys } from "./keys";
import { expectPage, usePrincipalPage } from "./page";

export type ProductOrder = components["schemas"]["ProductOrder"];
export type ProductOrderPage = components["schemas"]["ProductOrderPage"];

export async function listProductOrders(page: number): Promise<ProductOrderPage> {
  return expectPage(await api.GET("/api/v1/product-orders", { params: { query: { page } } }));
}

export function useProductOrders(page: number) {
  return usePrincipalPage(servicesKeys.productOrders, listProductOrders, page, { keepPrevious: true });
}
