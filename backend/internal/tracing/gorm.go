package tracing

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"
)

// scope names the spans this package makes around GORM statements.
const gormScope = "espace/store"

// InstrumentGORM adds a span for each GORM statement run under a traced
// request (statements with no span in their context, like the polling of
// the outbox, make none). The span carries the operation, the table and the
// SQL with its placeholders; never the values bound to them.
func InstrumentGORM(db *gorm.DB) error {
	cb := db.Callback()
	pairs := []struct {
		op     string
		before func(name string, fn func(*gorm.DB)) error
		after  func(name string, fn func(*gorm.DB)) error
	}{
		{"create", func(n string, f func(*gorm.DB)) error { return cb.Create().Before("gorm:create").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Create().After("gorm:create").Register(n, f) }},
		{"query", func(n string, f func(*gorm.DB)) error { return cb.Query().Before("gorm:query").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Query().After("gorm:query").Register(n, f) }},
		{"update", func(n string, f func(*gorm.DB)) error { return cb.Update().Before("gorm:update").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Update().After("gorm:update").Register(n, f) }},
		{"delete", func(n string, f func(*gorm.DB)) error { return cb.Delete().Before("gorm:delete").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Delete().After("gorm:delete").Register(n, f) }},
		{"row", func(n string, f func(*gorm.DB)) error { return cb.Row().Before("gorm:row").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Row().After("gorm:row").Register(n, f) }},
		{"raw", func(n string, f func(*gorm.DB)) error { return cb.Raw().Before("gorm:raw").Register(n, f) },
			func(n string, f func(*gorm.DB)) error { return cb.Raw().After("gorm:raw").Register(n, f) }},
	}
	for _, p := range pairs {
		op := p.op
		if err := p.before("espace:trace_before_"+op, func(tx *gorm.DB) { before(tx, op) }); err != nil {
			return err
		}
		if err := p.after("espace:trace_after_"+op, after); err != nil {
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
