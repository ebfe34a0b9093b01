import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { I18nProvider, type Locale } from "@/i18n";
import { session } from "@/lib/api/client";
import { ApiError } from "@/lib/api/errors";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network hiccup might.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** Whatever was cached for a user goes away with their session. */
function useClearCacheOnSignOut(queryClient: QueryClient) {
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getSnapshot().status === "anonymous") queryClient.clear();
      }),
    [queryClient],
  );
}

export function AppProviders({
  children,
  queryClient: given,
  locale,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  locale?: Locale;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  useClearCacheOnSignOut(queryClient);
  return (
    <I18nProvider initialLocale={locale}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nProvider>
  );
}
