import { useState } from "react";
import { useI18n } from "@/i18n";
import { describeError, type DisplayMessage } from "@/lib/api/errors";

/** The part of a mutation a confirmation needs. */
interface Mutation<V> {
  isPending: boolean;
  mutate: (variables: V, options: { onSuccess: () => void; onError: (error: Error) => void }) => void;
}

export interface Confirmation<T> {
  /** The item the question is about, while the dialog is open. */
  target: T | null;
  open: (item: T) => void;
  /** Spread on ConfirmDialog. */
  dialog: { pending: boolean; error: DisplayMessage | null; onCancel: () => void; onConfirm: () => void };
}

/**
 * An irreversible action on one item, asked first in a ConfirmDialog: the dialog closes when
 * the call succeeds (then done runs) and shows its error otherwise.
 */
export function useConfirmation<T, V>(
  mutation: Mutation<V>,
  variables: (item: T) => V,
  done: (item: T) => void,
  describe?: (error: unknown) => DisplayMessage,
): Confirmation<T> {
  const { t, locale } = useI18n();
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<DisplayMessage | null>(null);
  return {
    target,
    open: (item) => {
      setError(null);
      setTarget(item);
    },
    dialog: {
      pending: mutation.isPending,
      error,
      onCancel: () => setTarget(null),
      onConfirm: () => {
        if (target === null) return;
        setError(null);
        mutation.mutate(variables(target), {
          onSuccess: () => {
            setTarget(null);
            done(target);
          },
          onError: (failure) => setError(describe ? describe(failure) : describeError(failure, t, locale)),
        });
      },
    },
  };
}
