import { useState, type ReactNode, type RefObject } from "react";
import { useI18n, type MessageKey } from "@/i18n";
import { describeError, type DisplayMessage } from "@/lib/api/errors";
import { ConfirmDialog } from "./ConfirmDialog";

/** The part of a mutation a confirmation needs. */
interface Mutation<V> {
  isPending: boolean;
  mutate: (variables: V, options: { onSuccess: () => void; onError: (error: Error) => void }) => void;
}

export interface Confirmation<T> {
  /** The item the question is about, while the dialog is open. */
  target: T | null;
  open: (item: T) => void;
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
  options: { describe?: (error: unknown) => DisplayMessage; onOpen?: () => void } = {},
): Confirmation<T> {
  const { t, locale } = useI18n();
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<DisplayMessage | null>(null);
  return {
    target,
    open: (item) => {
      options.onOpen?.();
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
          onError: (failure) =>
            setError(options.describe ? options.describe(failure) : describeError(failure, t, locale)),
        });
      },
    },
  };
}

/** A prefix P of the messages such that P.title, P.confirm and P.cancel exist. */
type DialogTexts<K = MessageKey> = K extends `${infer P}.title`
  ? `${P}.confirm` extends MessageKey
    ? `${P}.cancel` extends MessageKey
      ? P
      : never
    : never
  : never;

/** The ConfirmDialog of a confirmation, open while it has a target; children word the question. */
export function ConfirmationDialog<T>({
  confirmation,
  texts,
  finalFocusRef,
  children,
}: {
  confirmation: Confirmation<T>;
  texts: DialogTexts;
  finalFocusRef: RefObject<HTMLElement | null>;
  children: (target: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (confirmation.target === null) return null;
  return (
    <ConfirmDialog
      {...confirmation.dialog}
      title={t(`${texts}.title`)}
      confirmLabel={t(`${texts}.confirm`)}
      cancelLabel={t(`${texts}.cancel`)}
      finalFocusRef={finalFocusRef}
    >
      {children(confirmation.target)}
    </ConfirmDialog>
  );
}
