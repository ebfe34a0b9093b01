// Package mail is the e-mail side of SPEC §8: services write messages to a
// durable outbox inside their own transaction (Enqueue), and a Worker sends
// them over SMTP afterwards, retrying with backoff until each one is accepted.
// An SMTP outage therefore delays mail but loses none, and an action that
// rolls back never sends anything. The message builders (templates.go) write
// French first, then English.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"

	"espace/backend/internal/store"
	"espace/backend/internal/tracing"
)

// Message is one e-mail to one recipient. Text is required; HTML is an
// optional alternative of the same content.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
}

// Validate rejects what the worker could never deliver. Checking at enqueue
// time matters because the worker never gives up on a row: a malformed
// address would otherwise be retried forever.
func (m Message) Validate() error {
	if strings.TrimSpace(m.To) == "" {
		return errors.New("courriel sans destinataire")
	}
	addr, err := mail.ParseAddress(m.To)
	if err != nil || addr.Name != "" || addr.Address != m.To {
		return fmt.Errorf("adresse de destinataire invalide : %q", m.To)
	}
	if strings.TrimSpace(m.Subject) == "" {
		return errors.New("courriel sans objet")
	}
	// A line break in a header is how header injection starts.
	if strings.ContainsAny(m.Subject, "\r\n") {
		return errors.New("objet de courriel sur plusieurs lignes")
	}
	if strings.TrimSpace(m.Text) == "" {
		return errors.New("courriel sans texte")
	}
	return nil
}

// Enqueue writes msgs to the outbox using the caller's transaction, so the
// e-mails commit with the action or not at all. Remember to call
// Worker.Notify after the commit so they leave at once rather than at the
// next poll.
func Enqueue(tx *gorm.DB, msgs ...Message) error {
	if len(msgs) == 0 {
		return nil
	}
	var parent *string
	if ctx := tx.Statement.Context; ctx != nil {
		var span trace.Span
		ctx, span = tracing.Start(ctx, "espace/mail", "outbox.enqueue",
			trace.WithAttributes(attribute.Int("espace.outbox.messages", len(msgs))))
		defer span.End()
		tx = tx.WithContext(ctx)
		parent = traceParent(ctx)
	}
	now := time.Now().UTC()
	rows := make([]store.OutboxMessage, 0, len(msgs))
	for _, m := range msgs {
		if err := m.Validate(); err != nil {
			return err
		}
		rows = append(rows, store.OutboxMessage{
			Recipient:     m.To,
			Subject:       m.Subject,
			TextBody:      m.Text,
			HTMLBody:      m.HTML,
			CreatedAt:     now,
			NextAttemptAt: now,
			TraceParent:   parent,
		})
	}
	if err := tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("mise en file des courriels : %w", err)
	}
	return nil
}

// traceContext writes and reads the outbox's trace_parent column: the W3C
// traceparent header, trace and span ids and flags, nothing about anyone.
var traceContext propagation.TraceContext

// traceParent is the traceparent of the span in ctx, nil when there is none.
func traceParent(ctx context.Context) *string {
	carrier := propagation.MapCarrier{}
	traceContext.Inject(ctx, carrier)
	if v := carrier.Get("traceparent"); v != "" {
		return &v
	}
	return nil
}

// enqueuedBy is the span that queued row, or an invalid span context when
// the row names none or something unreadable.
func enqueuedBy(row store.OutboxMessage) trace.SpanContext {
	if row.TraceParent == nil {
		return trace.SpanContext{}
	}
	ctx := traceContext.Extract(context.Background(), propagation.MapCarrier{"traceparent": *row.TraceParent})
	return trace.SpanContextFromContext(ctx)
}

func messageOf(row store.OutboxMessage) Message {
	return Message{To: row.Recipient, Subject: row.Subject, Text: row.TextBody, HTML: row.HTMLBody}
}

// Stats reports the messages waiting in the outbox and when the oldest of
// them was queued, for the metrics collected on each scrape: one query on
// the rows not yet sent.
func Stats(db *store.DB) func(ctx context.Context) (int64, time.Time, error) {
	return func(ctx context.Context) (int64, time.Time, error) {
		var out struct {
			N      int64
			Oldest store.NullTime
		}
		err := db.DB.WithContext(ctx).Raw("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL").Scan(&out).Error
		return out.N, out.Oldest.Time, err
	}
}
