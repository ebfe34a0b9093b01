package mail_test

import (
	"context"
	"testing"
	"time"

	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"gorm.io/gorm"

	"espace/backend/internal/mail"
	"espace/backend/internal/mailtest"
	"espace/backend/internal/store"
)

func recorder(t *testing.T) (*sdktrace.TracerProvider, *tracetest.InMemoryExporter) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	return tp, exp
}

func spanNamed(t *testing.T, exp *tracetest.InMemoryExporter, name string) tracetest.SpanStub {
	t.Helper()
	var found []tracetest.SpanStub
	for _, sp := range exp.GetSpans() {
		if sp.Name == name {
			found = append(found, sp)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans %s, want 1", len(found), name)
	}
	return found[0]
}

// deliverOnce sends what is due through a traced worker, running under ctx,
// and returns its outbox.deliver span.
func deliverOnce(ctx context.Context, t *testing.T, db *store.DB, tp *sdktrace.TracerProvider, exp *tracetest.InMemoryExporter, recipient string) tracetest.SpanStub {
	t.Helper()
	srv := mailtest.Start(t)
	opts := fastOptions(t)
	opts.Tracer = tp
	w := mail.NewWorker(db, smtpSender(t, srv.URL()), opts)
	sent, err := w.RunOnce(ctx)
	if err != nil || sent != 1 {
		t.Fatalf("RunOnce = %d, %v", sent, err)
	}
	srv.WaitFor(t, mailtest.To(recipient), 2*time.Second)
	deliver := spanNamed(t, exp, "outbox.deliver")
	if deliver.Parent.IsValid() {
		t.Errorf("outbox.deliver a un parent %s : il doit ouvrir sa propre trace", deliver.Parent.SpanID())
	}
	if deliver.Status.Code == codes.Error {
		t.Errorf("outbox.deliver en erreur : %v", deliver.Status)
	}
	return deliver
}

// The delivery of an e-mail queued under a request links to the span that
// queued it, while staying the root of a trace of its own.
func TestDeliveryLinksToTheEnqueueingSpan(t *testing.T) {
	db := freshDB(t)
	tp, exp := recorder(t)

	ctx, request := tp.Tracer("test").Start(context.Background(), "addDelegate")
	err := db.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		return mail.Enqueue(tx, mail.Welcome("lien@exemple.qc.ca", "Lina", "lina"))
	})
	request.End()
	if err != nil {
		t.Fatal(err)
	}
	enqueue := spanNamed(t, exp, "outbox.enqueue")
	if enqueue.Parent.SpanID() != request.SpanContext().SpanID() {
		t.Fatalf("outbox.enqueue hors de la requête")
	}
	// The column holds the traceparent and nothing else.
	row := oneRow(t, db, "lien@exemple.qc.ca")
	want := "00-" + enqueue.SpanContext.TraceID().String() + "-" + enqueue.SpanContext.SpanID().String() + "-01"
	if row.TraceParent == nil || *row.TraceParent != want {
		t.Fatalf("trace_parent = %v, want %s", row.TraceParent, want)
	}

	// Even run under the request's context, the delivery opens its own
	// trace rather than stretching the request's over its retries.
	deliver := deliverOnce(ctx, t, db, tp, exp, "lien@exemple.qc.ca")
	if len(deliver.Links) != 1 {
		t.Fatalf("outbox.deliver a %d liens, 1 attendu", len(deliver.Links))
	}
	link := deliver.Links[0].SpanContext
	if link.TraceID() != enqueue.SpanContext.TraceID() || link.SpanID() != enqueue.SpanContext.SpanID() {
		t.Errorf("lien vers %s/%s, attendu %s/%s", link.TraceID(), link.SpanID(),
			enqueue.SpanContext.TraceID(), enqueue.SpanContext.SpanID())
	}
	if deliver.SpanContext.TraceID() == enqueue.SpanContext.TraceID() {
		t.Errorf("la remise est dans la trace de la requête")
	}
}

// Mail queued outside any trace (the command line, the deadline job) is
// delivered with no link.
func TestDeliveryOfUntracedMailHasNoLink(t *testing.T) {
	db := freshDB(t)
	tp, exp := recorder(t)
	enqueue(t, db, mail.Welcome("sans-trace@exemple.qc.ca", "Sam", "sam"))
	if row := oneRow(t, db, "sans-trace@exemple.qc.ca"); row.TraceParent != nil {
		t.Fatalf("trace_parent = %q sans trace", *row.TraceParent)
	}
	if deliver := deliverOnce(context.Background(), t, db, tp, exp, "sans-trace@exemple.qc.ca"); len(deliver.Links) != 0 {
		t.Errorf("liens inattendus : %v", deliver.Links)
	}
}

// An unreadable trace_parent costs the link, never the e-mail.
func TestUnreadableTraceParentStillDelivers(t *testing.T) {
	for _, garbage := range []string{
		"",
		"n'importe quoi",
		"00-00000000000000000000000000000000-0000000000000000-01", // all-zero ids are invalid
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",    // no flags
		"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
	} {
		t.Run(garbage, func(t *testing.T) {
			db := freshDB(t)
			tp, exp := recorder(t)
			enqueue(t, db, mail.Welcome("illisible@exemple.qc.ca", "Ila", "ila"))
			if err := db.Exec("UPDATE outbox SET trace_parent = ?", garbage).Error; err != nil {
				t.Fatal(err)
			}
			if deliver := deliverOnce(context.Background(), t, db, tp, exp, "illisible@exemple.qc.ca"); len(deliver.Links) != 0 {
				t.Errorf("liens inattendus : %v", deliver.Links)
			}
		})
	}
}
