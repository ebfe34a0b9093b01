package mail

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"espace/backend/internal/metrics"
	"espace/backend/internal/store"
	"espace/backend/internal/tracing"
)

// WorkerOptions tune a Worker; zero values take the defaults.
type WorkerOptions struct {
	PollInterval time.Duration // how often the outbox is read without Notify (2 s)
	BatchSize    int           // rows claimed per round (20)
	BaseBackoff  time.Duration // delay after a first failure, doubled each time (10 s)
	MaxBackoff   time.Duration // ceiling of that delay (15 min)
	SendTimeout  time.Duration // bound on one Sender.Send (30 s)
	// Lease is how long claimed rows stay reserved for this worker while it
	// sends them (2 min, and at least twice SendTimeout).
	Lease  time.Duration
	Logger *slog.Logger // slog.Default() when nil
	// Metrics counts sent and failed messages and times SMTP attempts; nil:
	// none.
	Metrics *metrics.Metrics
	// Tracer makes a span per message delivered (outbox.deliver, with the
	// SMTP attempt and the bookkeeping under it); nil: no tracing.
	Tracer trace.TracerProvider
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	if o.PollInterval <= 0 {
		o.PollInterval = 2 * time.Second
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 20
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = 10 * time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 15 * time.Minute
	}
	if o.MaxBackoff < o.BaseBackoff {
		o.MaxBackoff = o.BaseBackoff
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 30 * time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Lease < 2*o.SendTimeout {
		o.Lease = 2 * o.SendTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Worker sends the outbox. Several workers (one per app instance) may run on
// the same PostgreSQL database: a row is claimed by one of them only.
//
// Claiming works by lease rather than by holding row locks during the
// network send: one short statement picks due rows with FOR UPDATE SKIP
// LOCKED and moves their next_attempt_at forward by Lease, then commits. The
// rows are no longer due for anyone else, and no transaction stays open
// while an SMTP server takes its time. The worker starts a send only when the
// lease will outlast it (Send is bounded by SendTimeout) and hands back the
// rows it did not reach, so a lease never expires under a message still
// being sent. If the process dies after the server accepted a message but
// before sent_at was written, the lease expires and the message goes again:
// delivery is at least once, which is the price of never losing one.
type Worker struct {
	db     *store.DB
	sender Sender
	opts   WorkerOptions
	wake   chan struct{}
}

// NewWorker prepares a worker; Run starts it.
func NewWorker(db *store.DB, sender Sender, opts WorkerOptions) *Worker {
	return &Worker{db: db, sender: sender, opts: opts.withDefaults(), wake: make(chan struct{}, 1)}
}

// Notify wakes the worker at once. It never blocks; call it after committing
// a transaction that enqueued mail.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends. A failed round is logged and
// tried again at the next poll: nothing stops the worker but ctx.
func (w *Worker) Run(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-timer.C:
		}
		w.drain(ctx)
		timer.Reset(w.opts.PollInterval)
	}
}

// drain runs rounds while they come back full, so a burst is not spread over
// several poll intervals.
func (w *Worker) drain(ctx context.Context) {
	for ctx.Err() == nil {
		claimed, _, err := w.round(ctx)
		if err != nil {
			if ctx.Err() == nil {
				w.opts.Logger.ErrorContext(ctx, "file des courriels : erreur de base de données", "erreur", err)
			}
			return
		}
		if claimed < w.opts.BatchSize {
			return
		}
	}
}

// RunOnce runs one round: it claims at most BatchSize due messages and tries
// each. It reports how many were sent; failures are recorded on the rows,
// not returned. The error is about the database.
func (w *Worker) RunOnce(ctx context.Context) (sent int, err error) {
	_, sent, err = w.round(ctx)
	return sent, err
}

func (w *Worker) round(ctx context.Context) (claimed, sent int, err error) {
	claimedAt := time.Now()
	rows, err := w.claim(ctx, claimedAt.UTC())
	if err != nil {
		return 0, 0, err
	}
	var errs []error
	for i, row := range rows {
		if ctx.Err() != nil || time.Since(claimedAt)+w.opts.SendTimeout > w.opts.Lease {
			errs = append(errs, w.release(ctx, rows[i:]))
			break
		}
		mctx, span := w.startDelivery(ctx, row)
		sendErr := w.send(mctx, row)
		switch {
		case sendErr == nil:
			sent++
			w.opts.Metrics.MailSent()
			errs = append(errs, w.markSent(mctx, row))
		case ctx.Err() != nil:
			// Cut short by shutdown, not by the server: no attempt to
			// count, and another instance may take it at once.
			span.End()
			errs = append(errs, w.release(ctx, rows[i:]))
			return len(rows), sent, errors.Join(errs...)
		default:
			w.opts.Metrics.MailFailed()
			span.SetStatus(codes.Error, "envoi refusé ou impossible")
			errs = append(errs, w.markFailed(mctx, row, sendErr))
		}
		span.End()
	}
	return len(rows), sent, errors.Join(errs...)
}

// startDelivery begins the span of one message's delivery; without a tracer
// it is a no-op. The span names the message by its outbox id only, never by
// its recipient.
//
// It is the root of a trace of its own, not a child of the request that
// queued the message: delivery comes later, maybe many times, and would
// stretch that trace over hours of retries. It links to the enqueueing span
// instead, so each trace leads to the other; a missing or unreadable
// trace_parent costs the link, never the delivery.
func (w *Worker) startDelivery(ctx context.Context, row store.OutboxMessage) (context.Context, trace.Span) {
	if w.opts.Tracer == nil {
		return ctx, trace.SpanFromContext(ctx)
	}
	opts := []trace.SpanStartOption{
		trace.WithNewRoot(),
		trace.WithAttributes(attribute.Int64("espace.outbox.id", row.ID), attribute.Int("espace.outbox.attempts", row.Attempts)),
	}
	if sc := enqueuedBy(row); sc.IsValid() {
		opts = append(opts, trace.WithLinks(trace.Link{SpanContext: sc}))
	}
	return w.opts.Tracer.Tracer("espace/mail").Start(ctx, "outbox.deliver", opts...)
}

// send makes one attempt, bounded by SendTimeout, timed and traced.
func (w *Worker) send(ctx context.Context, row store.OutboxMessage) error {
	sendCtx, cancel := context.WithTimeout(ctx, w.opts.SendTimeout)
	defer cancel()
	sendCtx, span := tracing.Start(sendCtx, "espace/mail", "smtp.send", trace.WithSpanKind(trace.SpanKindClient))
	defer span.End()
	start := time.Now()
	err := w.sender.Send(sendCtx, messageOf(row))
	if ctx.Err() == nil {
		w.opts.Metrics.SMTPAttempt(time.Since(start), err)
	}
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "échec de l'envoi SMTP")
	}
	return err
}

// claim leases up to BatchSize due rows to this worker, oldest first.
func (w *Worker) claim(ctx context.Context, now time.Time) ([]store.OutboxMessage, error) {
	leaseUntil := now.Add(w.opts.Lease)
	var rows []store.OutboxMessage
	q := claimSQLite
	if w.db.Dialect == store.Postgres {
		q = claimPostgres
	}
	// One statement is its own short transaction; the row locks taken by
	// FOR UPDATE SKIP LOCKED last only until the lease is written.
	args := map[string]any{"lease": leaseUntil, "now": now, "batch": w.opts.BatchSize}
	err := w.db.DB.WithContext(ctx).Raw(q, args).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("réservation des courriels : %w", err)
	}
	// RETURNING does not promise an order.
	slices.SortFunc(rows, func(a, b store.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
	return rows, nil
}

const outboxColumns = `outbox.id, outbox.recipient, outbox.subject, outbox.text_body,
	outbox.html_body, outbox.created_at, outbox.attempts, outbox.next_attempt_at,
	outbox.last_attempt_at, outbox.last_error, outbox.sent_at, outbox.trace_parent`

// The CTE is evaluated once, so LIMIT and SKIP LOCKED apply to a single
// pick of rows; a concurrent worker skips the locked ones and takes the next.
const claimPostgres = `WITH due AS (
	SELECT id FROM outbox
	WHERE sent_at IS NULL AND next_attempt_at <= @now
	ORDER BY id LIMIT @batch
	FOR UPDATE SKIP LOCKED)
UPDATE outbox SET next_attempt_at = @lease
FROM due WHERE outbox.id = due.id
RETURNING ` + outboxColumns

// SQLite runs one writer at a time, so the statement alone is atomic.
const claimSQLite = `UPDATE outbox SET next_attempt_at = @lease
WHERE id IN (
	SELECT id FROM outbox
	WHERE sent_at IS NULL AND next_attempt_at <= @now
	ORDER BY id LIMIT @batch)
RETURNING ` + outboxColumns

// bookkeepingTimeout bounds each update of a row after a send.
const bookkeepingTimeout = 10 * time.Second

// bookkeeping detaches from ctx: the update must land even when ctx ends
// mid-round, since a message the server accepted but not marked sent would
// go out a second time.
func bookkeeping(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), bookkeepingTimeout)
}

func (w *Worker) markSent(ctx context.Context, row store.OutboxMessage) error {
	ctx, cancel := bookkeeping(ctx)
	defer cancel()
	now := time.Now().UTC()
	err := w.db.DB.WithContext(ctx).Model(&store.OutboxMessage{}).Where("id = ?", row.ID).
		// The body goes once it has left: reset links and the like must not
		// rest in the database (SPEC §17). Recipient, subject and dates stay.
		Updates(map[string]any{"sent_at": now, "last_attempt_at": now, "attempts": row.Attempts + 1, "text_body": "", "html_body": ""}).Error
	if err != nil {
		w.opts.Logger.ErrorContext(ctx, "courriel envoyé mais non marqué : il pourrait partir une seconde fois",
			"courriel", row.ID, "erreur", err)
		return fmt.Errorf("courriel %d : %w", row.ID, err)
	}
	return nil
}

func (w *Worker) markFailed(ctx context.Context, row store.OutboxMessage, sendErr error) error {
	ctx, cancel := bookkeeping(ctx)
	defer cancel()
	now := time.Now().UTC()
	attempts := row.Attempts + 1
	delay := backoff(attempts, w.opts.BaseBackoff, w.opts.MaxBackoff, rand.Float64()) //nolint:gosec // retry jitter, not a secret
	next := now.Add(delay)
	w.opts.Logger.WarnContext(ctx, "courriel non envoyé, nouvel essai prévu",
		"courriel", row.ID, "destinataire", row.Recipient, "essais", attempts,
		"prochain_essai", next, "erreur", sendErr)
	err := w.db.DB.WithContext(ctx).Model(&store.OutboxMessage{}).Where("id = ?", row.ID).
		Updates(map[string]any{
			"attempts":        attempts,
			"last_attempt_at": now,
			"last_error":      truncate(sendErr.Error(), maxErrorLen),
			"next_attempt_at": next,
		}).Error
	if err != nil {
		return fmt.Errorf("courriel %d : %w", row.ID, err)
	}
	return nil
}

// release hands rows back without counting an attempt, for the next round
// (of this worker or another) to take.
func (w *Worker) release(ctx context.Context, rows []store.OutboxMessage) error {
	ctx, cancel := bookkeeping(ctx)
	defer cancel()
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	err := w.db.DB.WithContext(ctx).Model(&store.OutboxMessage{}).
		Where("id IN ? AND sent_at IS NULL", ids).
		Update("next_attempt_at", time.Now().UTC()).Error
	if err != nil {
		return fmt.Errorf("remise en file des courriels : %w", err)
	}
	return nil
}

// maxErrorLen keeps last_error readable; SMTP servers can answer at length.
const maxErrorLen = 1000

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}

// backoff is the delay before attempt number attempts+1: base doubled for
// each earlier failure, capped at limit, then shortened by up to 10 % (r in
// [0,1)) so that messages failed together do not all retry in the same
// instant.
func backoff(attempts int, base, limit time.Duration, r float64) time.Duration {
	d := base
	for i := 1; i < attempts && d < limit; i++ {
		if d > limit/2 {
			d = limit // doubling would pass the cap (or overflow)
			break
		}
		d *= 2
	}
	d = min(d, limit)
	return d - time.Duration(float64(d)*0.1*r)
}
