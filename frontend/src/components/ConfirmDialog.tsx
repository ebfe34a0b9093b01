import { useId, useRef, type ReactNode, type RefObject } from "react";
import { FormAlert } from "@/components/Messages";
import type { DisplayMessage } from "@/lib/api/errors";
import { Dialog } from "./Dialog";

interface ConfirmDialogProps {
  title: string;
  /** The question and its consequences. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending: boolean;
  error: DisplayMessage | null;
  finalFocusRef?: RefObject<HTMLElement | null>;
}

/** A question that needs an answer before an irreversible action; the safe answer has focus first. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  pending,
  error,
  finalFocusRef,
}: ConfirmDialogProps) {
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      describedBy={questionId}
      role="alertdialog"
      initialFocusRef={cancelRef}
      finalFocusRef={finalFocusRef}
    >
      <div id={questionId}>{children}</div>
      <FormAlert message={error} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          aria-busy={pending || undefined}
          onClick={() => {
            if (!pending) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </Dialog>
  );
}
