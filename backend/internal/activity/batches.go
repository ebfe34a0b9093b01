package activity

import (
	"context"

	"espace/backend/internal/store"
)

// ExportBatch is how many lines an export reads per query.
const ExportBatch = 5000

// Batches walks the whole of q in its order, a batch at a time, for the
// exports. Each batch is its own short query resuming after the last line
// read (keyset pagination on the sort key and id), so an export of 100 000
// lines never holds them all in memory, never pays for OFFSET, and does not
// hold a database connection while the client downloads (SQLite has one).
//
// The walk sees the log as it was when it started: the log is append-only
// and ids only grow, so lines written meanwhile (id above the first max) are
// left out and cannot shift the pages.
type Batches struct {
	db    *store.DB
	q     Query
	size  int
	maxID int64
	last  *View
	done  bool
}

// NewBatches validates q and prepares the walk.
func NewBatches(ctx context.Context, db *store.DB, q Query, size int) (*Batches, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if size < 1 {
		size = ExportBatch
	}
	b := &Batches{db: db, q: q, size: size}
	err := db.Conn(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM " + b.q.Journal.table()).Scan(&b.maxID).Error
	return b, err
}

// Next returns the next lines, or none when the walk is over.
func (b *Batches) Next(ctx context.Context) ([]View, error) {
	if b.done {
		return nil, nil
	}
	q, d := &b.q, b.db.Dialect
	sql, args := q.linesSQL(d, func(s *stmt) {
		s.add(" AND id <= ?", b.maxID)
		if b.last != nil {
			op := " < "
			if q.Asc {
				op = " > "
			}
			s.add(" AND ("+sortExpr(d, q.Sort)+", id)"+op+"(?, ?)", sortValue(q.Sort, *b.last), b.last.ID)
		}
	}, int64(b.size), 0)
	rows, err := scanRows(b.db.Conn(ctx).Raw(sql, args...))
	if err != nil {
		return nil, err
	}
	if len(rows) < b.size {
		b.done = true
	}
	out := views(rows)
	if len(out) > 0 {
		b.last = &out[len(out)-1]
	}
	return out, nil
}
