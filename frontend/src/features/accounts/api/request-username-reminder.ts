import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type UsernameReminderRequest = components["schemas"]["UsernameReminderRequest"];

/** Same answer whether or not an account uses the address. */
export async function requestUsernameReminder(body: UsernameReminderRequest): Promise<string> {
  return expectData(await api.POST("/api/v1/auth/username-reminders", { body })).message;
}

export function useRequestUsernameReminder() {
  return useMutation({ mutationFn: requestUsernameReminder });
}
