// Package portal holds the services of SPEC §3, done by a surveyor or by a
// délégataire in the surveyor's name. Every query is scoped to the
// principal: what they may not see does not exist (404).
package portal

import (
	"context"
	"database/sql"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/paging"
	"espace/backend/internal/store"
)

// Dossier is a dossier of the cadastre or of surveying.
type Dossier struct {
	Number        string `gorm:"primaryKey"`
	Kind          DossierKind
	Title         string
	Status        DossierStatus
	ClosingDate   *time.Time
	ResponsibleID uuid.UUID `gorm:"type:uuid"`
	OpenedAt      time.Time
	ReadAt        *time.Time
	ReadBy        *uuid.UUID `gorm:"type:uuid"`
}

// DossierView is a dossier with its responsible surveyor and, for that
// surveyor, how many of its messages are unread.
type DossierView struct {
	Dossier
	Responsible    auth.Person
	UnreadMessages int
}

// Service runs the portal's services.
type Service struct {
	DB         *store.DB
	Accounts   *accounts.Service
	Delegation *delegation.Service
	MailQueued func() // wakes the mail worker after a commit that queued mail
}

func (s *Service) mailQueued() {
	if s.MailQueued != nil {
		s.MailQueued()
	}
}

// DossierFilter narrows Suivi des dossiers.
type DossierFilter struct {
	Kind     DossierKind // "" for both
	Number   string      // contains
	Page     int
	PageSize int
}

// DossierPageSQL is the one statement of « Suivi des dossiers »: a page of
// the surveyor's dossiers, newest first, each with its unread messages, and
// the number of dossiers matching (count(*) OVER (): same answer as a
// separate count, one round trip). Parameters: $1 the surveyor, $2 the kind
// or ” for both, $3 the number fragment or ” for any, $4 the page size, $5
// the offset. Exported so the benchmark runs the very same SQL.
const DossierPageSQL = `SELECT d.number, d.kind, d.title, d.status, d.closing_date, d.opened_at, d.read_at, d.read_by,
  (SELECT count(*) FROM dossier_messages m WHERE m.dossier_number = d.number AND m.read_at IS NULL),
  count(*) OVER ()
FROM dossiers d
WHERE d.responsible_id = $1::uuid AND ($2 = '' OR d.kind = $2) AND ($3 = '' OR d.number LIKE '%' || $3 || '%')
ORDER BY d.opened_at DESC, d.number DESC
LIMIT $4 OFFSET $5`

// dossierCountSQL counts when the page is past the end (no row to carry
// the window count).
const dossierCountSQL = `SELECT count(*) FROM dossiers d
WHERE d.responsible_id = $1::uuid AND ($2 = '' OR d.kind = $2) AND ($3 = '' OR d.number LIKE '%' || $3 || '%')`

// scanner is what pgx and database/sql rows have in common.
type scanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ListDossiers returns the principal's dossiers, newest first. A read: the
// request's decision authorizes it, without a transaction or a lock.
func (s *Service) ListDossiers(ctx context.Context, sess *auth.Session, f DossierFilter) (paging.Page[DossierView], error) {
	out := paging.Page[DossierView]{Page: f.Page, PageSize: f.PageSize, Items: make([]DossierView, 0, f.PageSize)}
	if sess.Principal == nil {
		return out, delegation.ErrNotActive
	}
	// Only the kinds whose service is delegated (§11): a kind asked for
	// must be granted; without one, the only granted kind, or none at all.
	kinds := delegation.GrantedDossierKinds(sess)
	switch {
	case f.Kind != "":
		if err := delegation.CheckService(sess, f.Kind.Service()); err != nil {
			return out, err
		}
	case len(kinds) == 0:
		return out, nil
	case len(kinds) == 1:
		f.Kind = DossierKind(kinds[0])
	}
	pool := s.DB.Pool(ctx)
	args := []any{sess.Principal.ID.String(), f.Kind, f.Number, f.PageSize, (f.Page - 1) * f.PageSize}
	read := func(rows scanner) error {
		for rows.Next() {
			var (
				v             = DossierView{Responsible: *sess.Principal}
				closing, read store.NullTime
				opened        store.NullTime
				readBy        uuid.NullUUID
				unread, total int64
			)
			if err := rows.Scan(&v.Number, &v.Kind, &v.Title, &v.Status, &closing, &opened, &read, &readBy, &unread, &total); err != nil {
				return err
			}
			v.ResponsibleID = sess.Principal.ID
			v.ClosingDate, v.OpenedAt, v.ReadAt = closing.Ptr(), opened.Time, read.Ptr()
			if readBy.Valid {
				v.ReadBy = &readBy.UUID
			}
			v.UnreadMessages, out.TotalItems = int(unread), int(total)
			out.Items = append(out.Items, v)
		}
		return rows.Err()
	}
	query := s.DB.Numbered(DossierPageSQL)
	used, err := s.DB.OnPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return read(rows)
	})
	if !used {
		var rows *sql.Rows
		if rows, err = pool.QueryContext(ctx, query, args...); err == nil {
			err = read(rows)
			rows.Close()
		}
	}
	if err != nil {
		return out, err
	}
	if len(out.Items) == 0 && f.Page > 1 {
		var total int64
		if err := pool.QueryRowContext(ctx, s.DB.Numbered(dossierCountSQL), args[:3]...).Scan(&total); err != nil {
			return out, err
		}
		out.TotalItems = int(total)
	}
	return out, nil
}

// GetDossier opens one of the principal's dossiers (« Consultation d'un
// dossier » is recorded).
func (s *Service) GetDossier(ctx context.Context, sess *auth.Session, number string) (DossierView, error) {
	var out DossierView
	err := s.onDossier(ctx, sess, number, func(tx *gorm.DB, d Dossier) error {
		if d.ReadAt == nil {
			// Read by whoever acts for the surveyor: read for the surveyor (§7).
			now := time.Now().UTC()
			d.ReadAt, d.ReadBy = &now, &sess.Actor.ID
			if err := tx.Model(&Dossier{}).Where("number = ?", d.Number).
				Updates(map[string]any{"read_at": now, "read_by": sess.Actor.ID}).Error; err != nil {
				return err
			}
		}
		unread, err := unreadCounts(tx, []Dossier{d})
		if err != nil {
			return err
		}
		out = DossierView{Dossier: d, Responsible: *sess.Principal, UnreadMessages: unread[d.Number]}
		return activity.Record(tx, activity.DossierViewed, sess.Actor, *sess.Principal, d.Number, activity.Detail(d.Title))
	})
	return out, err
}

// NewDossier is what an administrator opens.
type NewDossier struct {
	Number, Matricule, Title string
	Kind                     DossierKind
	ClosingDate              *time.Time
}

// CreateDossier opens a dossier for the surveyor holding the matricule; the
// administration journal records it with the administrator by.
func (s *Service) CreateDossier(ctx context.Context, by auth.Person, in NewDossier) (DossierView, error) {
	var out DossierView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		sv, err := accounts.ActiveSurveyorByMatricule(tx, in.Matricule)
		if err != nil {
			return err
		}
		d := Dossier{Number: in.Number, Kind: in.Kind, Title: in.Title, Status: DossierOpen, ClosingDate: in.ClosingDate,
			ResponsibleID: sv.UserID, OpenedAt: time.Now().UTC()}
		if err := tx.Create(&d).Error; err != nil {
			if store.IsUniqueViolation(err) {
				return apperr.Conflict("Ce numéro de dossier existe déjà.", apperr.Field("/number", "Ce numéro de dossier existe déjà."))
			}
			return err
		}
		u, err := s.Accounts.User(ctx, sv.UserID)
		if err != nil {
			return err
		}
		out = DossierView{Dossier: d, Responsible: accounts.Person(u)}
		return activity.RecordAdmin(tx, activity.DossierOpened, by, out.Responsible, d.Number, activity.Detail(d.Title))
	})
	return out, err
}

// unreadCounts counts the unread messages of each dossier.
func unreadCounts(tx *gorm.DB, dossiers []Dossier) (map[string]int, error) {
	out := map[string]int{}
	if len(dossiers) == 0 {
		return out, nil
	}
	numbers := make([]string, len(dossiers))
	for i, d := range dossiers {
		numbers[i] = d.Number
	}
	var rows []struct {
		DossierNumber string
		N             int
	}
	err := tx.Model(&Message{}).Select("dossier_number, count(*) AS n").
		Where("dossier_number IN ? AND read_at IS NULL", numbers).Group("dossier_number").Scan(&rows).Error
	for _, r := range rows {
		out[r.DossierNumber] = r.N
	}
	return out, err
}

// principalDossier loads a dossier of the principal, or reports 404.
func principalDossier(tx *gorm.DB, sess *auth.Session, number string) (Dossier, error) {
	var d Dossier
	err := store.TakeOr(tx.Where("number = ? AND responsible_id = ?", number, sess.Principal.ID), &d, apperr.NotFound("Dossier introuvable."))
	return d, err
}

// grantedDossier is principalDossier for the reads of the dossier services
// themselves (messages): the dossier's kind is the service used, which the
// request's decision must grant (§11). Other services (a lot reservation on
// a cadastre dossier) only name the dossier.
func grantedDossier(tx *gorm.DB, sess *auth.Session, number string) (Dossier, error) {
	d, err := principalDossier(tx, sess, number)
	if err != nil {
		return d, err
	}
	return d, delegation.CheckService(sess, d.Kind.Service())
}

// onDossier runs fn on one of the principal's dossiers, in a transaction
// that has locked the delegation, once, and checked on that very row the
// service of the dossier's kind (§11): a narrowing committed before the
// lock refuses the request, one after it waits for the commit.
func (s *Service) onDossier(ctx context.Context, sess *auth.Session, number string, fn func(tx *gorm.DB, d Dossier) error) error {
	return s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		grant, err := s.Delegation.Lock(tx, sess)
		if err != nil {
			return err
		}
		d, err := principalDossier(tx, sess, number)
		if err != nil {
			return err
		}
		if err := grant.Check(d.Kind.Service()); err != nil {
			return err
		}
		return fn(tx, d)
	})
}

// inPrincipalsName runs fn in a transaction that first checks, and locks,
// the delegation under which the actor acts (see delegation.Guard).
func (s *Service) inPrincipalsName(ctx context.Context, sess *auth.Session, fn func(ctx context.Context, tx *gorm.DB) error) error {
	return s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := s.Delegation.Guard(tx, sess); err != nil {
			return err
		}
		return fn(ctx, tx)
	})
}

// listOf pages through the principal's records of one kind, newest first.
// A read: no transaction, no lock; the count comes with the page.
func listOf[T any](ctx context.Context, s *Service, sess *auth.Session, page, size int, order string) (paging.Page[T], error) {
	out := paging.Page[T]{Page: page, PageSize: size, Items: []T{}}
	if sess.Principal == nil {
		return out, delegation.ErrNotActive
	}
	var zero T
	var err error
	out.TotalItems, err = paged(s.DB.Conn(ctx).Model(&zero).Where("surveyor_id = ?", sess.Principal.ID), "*", page, size, order, &out.Items)
	return out, err
}

// counted is a row with the number of rows matching, from count(*) OVER ().
type counted[T any] struct {
	Item  T     `gorm:"embedded"`
	Total int64 `gorm:"column:total_count"`
}

// paged applies page and size to q and returns the number of rows
// matching, in one statement; a page past the end counts separately.
func paged[T any](q *gorm.DB, cols string, page, size int, order string, rows *[]T) (int, error) {
	var found []counted[T]
	err := q.Session(&gorm.Session{}).Select(cols + ", count(*) OVER () AS total_count").
		Order(order).Offset((page - 1) * size).Limit(size).Find(&found).Error
	if err != nil {
		return 0, err
	}
	if len(found) == 0 {
		if page == 1 {
			return 0, nil
		}
		var total int64
		err := q.Count(&total).Error
		return int(total), err
	}
	out := make([]T, len(found))
	for i, r := range found {
		out[i] = r.Item
	}
	*rows = out
	return int(found[0].Total), nil
}
