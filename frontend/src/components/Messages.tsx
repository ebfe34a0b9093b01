import type { ReactNode } from "react";
import type { DisplayMessage } from "@/lib/api/errors";

/**
 * Error alert of a form. The live region stays in the page even when empty, so that
 * assistive technologies announce the message as soon as it is filled in.
 */
export function FormAlert({ message, id }: { message: DisplayMessage | null; id?: string }) {
  return (
    <div id={id} role="alert" aria-atomic="true" className={message ? "alert alert--error" : "alert-region"}>
      {message && (
        <>
          <p lang={message.lang}>{message.text}</p>
          {message.details?.map((detail, index) => (
            <p key={index} lang={detail.lang}>
              {detail.text}
            </p>
          ))}
        </>
      )}
    </div>
  );
}

/** Confirmation or information, announced politely. */
export function StatusMessage({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  return (
    <div role="status" className={`alert alert--${tone}`}>
      {children}
    </div>
  );
}

/** Static notice (no live region), e.g. a warning shown on arrival. */
export function Notice({
  title,
  children,
  tone = "warning",
}: {
  title?: string;
  children: ReactNode;
  tone?: "warning" | "info";
}) {
  return (
    <div className={`alert alert--${tone}`}>
      {title && <p className="alert__title">{title}</p>}
      {children}
    </div>
  );
}
