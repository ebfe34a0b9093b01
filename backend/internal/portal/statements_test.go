package portal

import (
	"context"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"espace/backend/internal/delegation"
)

// statementsKey marks the context whose statements a test counts.
type statementsKey struct{}

// statements are the SQL statements run under one context.
type statements struct {
	mu  sync.Mutex
	sql []string
}

// counting returns a context whose statements through the ORM are
// recorded (the transaction's BEGIN and COMMIT are not statements of the
// ORM's callbacks, and are not counted).
func (e *env) counting() (context.Context, *statements) {
	e.T.Helper()
	st := &statements{}
	name := "test:count:" + e.T.Name()
	record := func(db *gorm.DB) {
		if got, _ := db.Statement.Context.Value(statementsKey{}).(*statements); got == st {
			st.mu.Lock()
			st.sql = append(st.sql, db.Statement.SQL.String())
			st.mu.Unlock()
		}
	}
	cb := e.DB.DB.Callback()
	e.Must(cb.Query().After("gorm:query").Register(name, record))
	e.Must(cb.Create().After("gorm:create").Register(name, record))
	e.Must(cb.Update().After("gorm:update").Register(name, record))
	e.Must(cb.Delete().After("gorm:delete").Register(name, record))
	e.Must(cb.Row().After("gorm:row").Register(name, record))
	e.Must(cb.Raw().After("gorm:raw").Register(name, record))
	e.T.Cleanup(func() {
		_ = cb.Query().Remove(name)
		_ = cb.Create().Remove(name)
		_ = cb.Update().Remove(name)
		_ = cb.Delete().Remove(name)
		_ = cb.Row().Remove(name)
		_ = cb.Raw().Remove(name)
	})
	return context.WithValue(e.Ctx, statementsKey{}, st), st
}

// take returns the statements recorded so far and starts afresh.
func (st *statements) take() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := st.sql
	st.sql = nil
	return out
}

// reading counts the statements that read table.
func reading(sql []string, table string) int {
	n := 0
	for _, s := range sql {
		if strings.Contains(s, "FROM "+table) || strings.Contains(s, `FROM "`+table+`"`) || strings.Contains(s, "FROM `"+table+"`") {
			n++
		}
	}
	return n
}

// A délégataire's request on a dossier reads, and locks, the delegation
// once: the dossier kind's service is checked on that row.
func TestDossierRequestReadsTheDelegationOnce(t *testing.T) {
	e := newEnv(t)
	admin, edith := e.user("Admin", false), e.user("Edith", false)
	sess := e.delegates(e.jean, edith, delegation.ByDossierKind, delegation.CadastreDossiers)
	d := e.dossier(e.jean, CadastreDossier, DossierOpen)
	m := e.post(d, admin, false)
	ctx, st := e.counting()

	_, err := e.svc.GetDossier(ctx, sess, d.Number)
	ok(t, err)
	get := st.take()
	_, err = e.svc.MarkMessageRead(ctx, sess, d.Number, m.ID)
	ok(t, err)
	mark := st.take()
	t.Logf("GetDossier : %d requêtes %q", len(get), get)
	t.Logf("MarkMessageRead : %d requêtes %q", len(mark), mark)
	for what, sql := range map[string][]string{"GetDossier": get, "MarkMessageRead": mark} {
		if n := reading(sql, "delegations"); n != 1 {
			t.Errorf("%s lit la délégation %d fois : %q", what, n, sql)
		}
	}
}
