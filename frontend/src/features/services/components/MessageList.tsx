import { useId, useState, type ReactNode } from "react";
import { useI18n } from "@/i18n";
import { formatDateTime } from "@/lib/dates";
import { UnreadMarker } from "./UnreadMarker";

export interface MessageEntry {
  id: string;
  subject: string;
  body: string;
  /** When it was posted or published (date-time). */
  at: string;
  read: boolean;
  /** E.g. « Lu le … par … ». */
  readNote?: string | undefined;
}

/**
 * Messages of a dossier, or communiqués: each subject is a disclosure button; opening an
 * unread one reads it (onOpen). The « Non lu » marker stays until the API says it is read.
 */
export function MessageList({
  entries,
  empty,
  onOpen,
  error,
  headingLevel = 3,
}: {
  entries: readonly MessageEntry[];
  empty: string;
  onOpen: (id: string) => void;
  error?: ReactNode;
  /** Level of each subject's heading: one below the heading of the list. */
  headingLevel?: 2 | 3;
}) {
  if (entries.length === 0) return <p>{empty}</p>;
  return (
    <>
      {error}
      <ul className="message-list">
        {entries.map((entry) => (
          <MessageItem key={entry.id} entry={entry} onOpen={onOpen} headingLevel={headingLevel} />
        ))}
      </ul>
    </>
  );
}

function MessageItem({
  entry,
  onOpen,
  headingLevel,
}: {
  entry: MessageEntry;
  onOpen: (id: string) => void;
  headingLevel: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <li className={entry.read ? "message" : "message message--unread"}>
      <Heading className="message__subject">
        <button
          type="button"
          className="message__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => {
            const next = !open;
            setOpen(next);
            if (next && !entry.read) onOpen(entry.id);
          }}
        >
          {entry.subject}
        </button>
      </Heading>
      <p className="message__meta">
        {!entry.read && <UnreadMarker />} {t("services.messages.postedAt", { date: formatDateTime(entry.at) })}
        {entry.read && entry.readNote && <> · {entry.readNote}</>}
      </p>
      <div id={bodyId} hidden={!open} className="message__body">
        {entry.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </li>
  );
}
