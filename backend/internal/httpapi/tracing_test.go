package httpapi_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"espace/backend/internal/testdb"
	"espace/backend/internal/tracing"
)

var instrumentOnce sync.Once

// An acting-for request makes one trace: its server span named by the
// operationId, the delegation decision, the GORM statements and the outbox
// write under it; the request id is the trace id; people appear by uuid
// only. The worker's delivery of the mail is traced too, in its own trace
// linked to the request's.
func TestTraceOfAnActingForRequest(t *testing.T) {
	instrumentOnce.Do(func() {
		if err := tracing.InstrumentGORM(testdb.DB(t).DB); err != nil {
			t.Fatal(err)
		}
	})
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	e, sender := observedEnv(t, nil, tp, generous)

	s := e.surveyor("trsurv")
	d := e.signUp("trdeleg")
	e.expect(e.addDelegate(e.login(s), d.ID), 201)
	dt, _ := e.actFor(e.login(d), s.ID)
	waitFor(t, "les courriels d'avant", func() bool { return sender.sent.Load() >= 3 })
	time.Sleep(200 * time.Millisecond)
	exp.Reset()

	// The délégataire, acting for the surveyor, renounces: a write with
	// an e-mail to the surveyor. The caller's trace context is the parent.
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	r := e.expect(e.do(req{method: "DELETE", path: "/api/v1/delegants/" + s.ID, token: dt.Access,
		header: map[string]string{"traceparent": "00-" + traceID + "-00f067aa0ba902b7-01"}}), 204)
	if got := r.Header.Get("X-Request-Id"); got != traceID {
		t.Fatalf("identifiant de requête %q, trace %s attendue", got, traceID)
	}
	waitFor(t, "la remise du courriel", func() bool {
		for _, sp := range exp.GetSpans() {
			if sp.Name == "outbox.deliver" {
				return true
			}
		}
		return false
	})

	spans := exp.GetSpans()
	byName := map[string]int{}
	var server tracetest.SpanStub
	for _, sp := range spans {
		if sp.SpanContext.TraceID().String() == traceID {
			byName[strings.SplitN(sp.Name, ".", 2)[0]+"."]++
			byName[sp.Name]++
		}
		if sp.Name == "renounceDelegation" {
			server = sp
		}
		for _, a := range sp.Attributes {
			v := a.Value.String()
			if strings.Contains(v, d.Username) || strings.Contains(v, s.Username) || strings.Contains(v, "Descartes") {
				t.Errorf("span %s : attribut %s = %q nomme une personne", sp.Name, a.Key, v)
			}
		}
	}
	if server.Name == "" || server.SpanContext.TraceID().String() != traceID {
		t.Fatalf("span serveur renounceDelegation absent de la trace : %v", byName)
	}
	for _, want := range []string{"renounceDelegation", "delegation.establish", "db.", "outbox.enqueue"} {
		if byName[want] == 0 {
			t.Errorf("la trace n'a pas de span %s : %v", want, byName)
		}
	}
	attrs := map[string]string{}
	for _, a := range server.Attributes {
		attrs[string(a.Key)] = a.Value.String()
	}
	if attrs["enduser.id"] != d.ID || attrs["espace.principal.id"] != s.ID || attrs["http.response.status_code"] != "204" ||
		attrs["http.route"] != "/api/v1/delegants/:userId" {
		t.Errorf("attributs du span serveur : %v", attrs)
	}
	// Every span of the trace descends from the server span.
	ids := map[string]bool{server.SpanContext.SpanID().String(): true}
	for range spans {
		for _, sp := range spans {
			if sp.SpanContext.TraceID().String() == traceID && ids[sp.Parent.SpanID().String()] {
				ids[sp.SpanContext.SpanID().String()] = true
			}
		}
	}
	for _, sp := range spans {
		if sp.SpanContext.TraceID().String() == traceID && sp.Name != "renounceDelegation" && !ids[sp.SpanContext.SpanID().String()] {
			t.Errorf("span %s hors de l'arbre de la requête", sp.Name)
		}
	}
	// The worker's delivery: outbox.deliver with the SMTP attempt under it,
	// in a trace of its own linked to the request's outbox.enqueue.
	var enqueue tracetest.SpanStub
	for _, sp := range spans {
		if sp.Name == "outbox.enqueue" && sp.SpanContext.TraceID().String() == traceID {
			enqueue = sp
		}
	}
	var deliver, smtp bool
	for _, sp := range spans {
		switch sp.Name {
		case "outbox.deliver":
			deliver = true
			if sp.SpanContext.TraceID().String() == traceID {
				t.Errorf("outbox.deliver dans la trace de la requête")
			}
			if len(sp.Links) != 1 || sp.Links[0].SpanContext.TraceID().String() != traceID ||
				sp.Links[0].SpanContext.SpanID() != enqueue.SpanContext.SpanID() {
				t.Errorf("outbox.deliver lié à %v, attendu l'outbox.enqueue %s de la trace %s",
					sp.Links, enqueue.SpanContext.SpanID(), traceID)
			}
		case "smtp.send":
			smtp = true
		}
	}
	if !deliver || !smtp {
		t.Errorf("remise non tracée : outbox.deliver %v, smtp.send %v", deliver, smtp)
	}
}
