import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import "./dialog.css";

const focusable = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type='hidden'])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Escape and the dialog's own cancel buttons. */
  onClose: () => void;
  /** Receives focus when the dialog opens (default: the first focusable element). */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Receives focus when the dialog closes if the element that had it before is gone. */
  finalFocusRef?: RefObject<HTMLElement | null>;
  /** Id of the text describing the dialog (e.g. a warning or a question). */
  describedBy?: string;
  /** alertdialog for a confirmation that needs an answer. */
  role?: "dialog" | "alertdialog";
}

/**
 * A modal dialog: labelled by its title, the rest of the page inert while it is open, Tab kept
 * inside, Escape closes it, and focus goes back where it was.
 */
export function Dialog({
  title,
  children,
  onClose,
  initialFocusRef,
  finalFocusRef,
  describedBy,
  role = "dialog",
}: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  const finalFocus = useRef(finalFocusRef);
  // The latest props, for the key handler and the closing cleanup (not written during render).
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    finalFocus.current = finalFocusRef;
  });

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Everything else in the page is out of reach (mouse, keyboard and assistive technologies).
    const madeInert: Element[] = [];
    for (const element of Array.from(document.body.children)) {
      if (dialog && element.contains(dialog)) continue;
      if (element.hasAttribute("inert")) continue;
      element.setAttribute("inert", "");
      madeInert.push(element);
    }
    const first = initialFocusRef?.current ?? dialog?.querySelector<HTMLElement>(focusable) ?? dialog;
    first?.focus();
    return () => {
      for (const element of madeInert) element.removeAttribute("inert");
      const target = opener?.isConnected ? opener : finalFocus.current?.current;
      if (target?.isConnected) target.focus();
    };
    // Runs once per opening: the refs are read when needed.
  }, [initialFocusRef]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      event.preventDefault();
      onCloseRef.current();
      return;
    }
    if (event.key !== "Tab" || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(focusable));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog__backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className="dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div className="dialog__body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
