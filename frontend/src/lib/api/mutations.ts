import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

/**
 * A call that changes a list: once it succeeds, the list under `queryKey` is fetched again
 * (the mutation settles when the list is current, so a page never shows the old one).
 */
export function useMutationRefreshing<TData, TVariables>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  queryKey: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}
