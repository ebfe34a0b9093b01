package tracing

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"
)

// scope names the spans this package makes around GORM statements.
const gormScope = "espace/store"

// A registrar is a place in one of GORM's callback chains (before or after
// one of its own steps) where a callback can be added.
type registrar interface {
	Register(name string, fn func(*gorm.DB)) error
}

// InstrumentGORM adds a span for each GORM statement run under a traced
// request (statements with no span in their context, like the polling of
// the outbox, make none). The span carries the operation, the table and the
// SQL with its placeholders; never the values bound to them.
func InstrumentGORM(db *gorm.DB) error {
	cb := db.Callback()
	pairs := []struct {
		op            string
		before, after registrar
	}{
		{"create", cb.Create().Before("gorm:create"), cb.Create().After("gorm:create")},
		{"query", cb.Query().Before("gorm:query"), cb.Query().After("gorm:query")},
		{"update", cb.Update().Before("gorm:update"), cb.Update().After("gorm:update")},
		{"delete", cb.Delete().Before("gorm:delete"), cb.Delete().After("gorm:delete")},
		{"row", cb.Row().Before("gorm:row"), cb.Row().After("gorm:row")},
		{"raw", cb.Raw().Before("gorm:raw"), cb.Raw().After("gorm:raw")},
	}
	for _, p := range pairs {
		op := p.op
		if err := p.before.Register("espace:trace_before_"+op, func(tx *gorm.DB) { before(tx, op) }); err != nil {
			return err
		}
		if err := p.after.Register("espace:trace_after_"+op, after); err != nil {
			return err
		}
	}
	return nil
}

// spanKey keeps the statement's span between the two callbacks.
const spanKey = "espace:span"

func before(tx *gorm.DB, op string) {
	ctx := tx.Statement.Context
	if ctx == nil || !trace.SpanFromContext(ctx).SpanContext().IsValid() {
		return
	}
	ctx, span := Start(ctx, gormScope, "db."+op, trace.WithSpanKind(trace.SpanKindClient))
	tx.Statement.Context = ctx
	tx.InstanceSet(spanKey, span)
}

func after(tx *gorm.DB) {
	v, ok := tx.InstanceGet(spanKey)
	if !ok {
		return
	}
	span, ok := v.(trace.Span)
	if !ok {
		return
	}
	attrs := []attribute.KeyValue{
		attribute.String("db.system.name", tx.Dialector.Name()),
		attribute.String("db.query.text", tx.Statement.SQL.String()),
		attribute.Int64("db.response.returned_rows", tx.Statement.RowsAffected),
	}
	if tx.Statement.Table != "" {
		attrs = append(attrs, attribute.String("db.collection.name", tx.Statement.Table))
	}
	span.SetAttributes(attrs...)
	if err := tx.Error; err != nil && err != gorm.ErrRecordNotFound {
		span.RecordError(err)
		span.SetStatus(codes.Error, "erreur SQL")
	}
	span.End()
}
