package delegation

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/mail"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// ReminderDays is how many days before its end date both parties of a
// delegation are reminded (§11).
const ReminderDays = 7

// DeadlineWorker ends dated delegations after their last day and sends the
// seven-day reminders (§11). Access does not wait for it: Decide and Guard
// refuse a delegation past its last day from the first request. It records
// « Fin d'une délégation (échéance) » and queues the e-mails, each exactly
// once however many instances run it: every row is claimed with FOR UPDATE
// SKIP LOCKED (PostgreSQL) and marked in the same transaction as its
// activity and e-mails, and the marking update only takes a row still
// unmarked (so SQLite's single writer is safe too).
type DeadlineWorker struct {
	DB         *store.DB
	Now        func() time.Time // nil: time.Now
	Interval   time.Duration    // between rounds; one minute when zero
	BatchSize  int              // rows per transaction; 50 when zero
	MailQueued func()
	Logger     *slog.Logger
	// Rounds, when set, hears of every round and what it handled (metrics).
	Rounds func(ended, reminded int)
}

func (w *DeadlineWorker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// Run works rounds until ctx ends.
func (w *DeadlineWorker) Run(ctx context.Context) {
	interval := w.Interval
	if interval <= 0 {
		interval = time.Minute
	}
	log := w.Logger
	if log == nil {
		log = slog.Default()
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		ended, reminded, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			log.ErrorContext(ctx, "échéances des délégations : erreur de base de données", "erreur", err)
		}
		if w.Rounds != nil {
			w.Rounds(ended, reminded)
		}
		timer.Reset(interval)
	}
}

// RunOnce ends every delegation past its last day and queues every due
// reminder, and reports how many of each this instance handled.
func (w *DeadlineWorker) RunOnce(ctx context.Context) (ended, reminded int, err error) {
	for {
		n, e := w.batch(ctx, w.endOne, "ends_on < ?", quebec.Day(w.now()))
		ended += n
		if e != nil {
			err = e
		}
		if e != nil || n < w.size() {
			break
		}
	}
	if err != nil {
		return ended, reminded, err
	}
	today := quebec.Today(w.now())
	for {
		n, e := w.batch(ctx, w.remindOne, "reminder_sent_at IS NULL AND ends_on <= ?", today.AddDate(0, 0, ReminderDays).Format(time.DateOnly))
		reminded += n
		if e != nil {
			err = e
		}
		if e != nil || n < w.size() {
			break
		}
	}
	if ended+reminded > 0 && w.MailQueued != nil {
		w.MailQueued()
	}
	return ended, reminded, err
}

func (w *DeadlineWorker) size() int {
	if w.BatchSize <= 0 {
		return 50
	}
	return w.BatchSize
}

// batch claims up to size rows matching cond among dated delegations not
// ended, and handles each in the same transaction. It returns how many
// rows it handled (rows another instance took in between are skipped).
func (w *DeadlineWorker) batch(ctx context.Context, handle func(tx *gorm.DB, d Delegation) (bool, error), cond string, arg any) (int, error) {
	done := 0
	err := w.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		q := tx.Where("ended_at IS NULL AND ends_on IS NOT NULL").Where(cond, arg).Order("ends_on, id").Limit(w.size())
		if w.DB.Dialect == store.Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		var rows []Delegation
		if err := q.Find(&rows).Error; err != nil {
			return err
		}
		for _, d := range rows {
			ok, err := handle(tx, d)
			if err != nil {
				return err
			}
			if ok {
				done++
			}
		}
		return nil
	})
	return done, err
}

// parties loads the surveyor (with matricule) and the délégataire.
func parties(tx *gorm.DB, d Delegation) (surveyor store.User, matricule string, delegate store.User, err error) {
	if err = tx.Where("id = ?", d.DelegantID).Take(&surveyor).Error; err != nil {
		return
	}
	if err = tx.Where("id = ?", d.DelegateID).Take(&delegate).Error; err != nil {
		return
	}
	var s store.Surveyor
	if e := tx.Where("user_id = ?", d.DelegantID).Take(&s).Error; e == nil {
		matricule = s.Matricule
	}
	return
}

// endOne ends one delegation at the end of its last day, records it and
// tells both parties. The update takes the row only while it is not ended.
func (w *DeadlineWorker) endOne(tx *gorm.DB, d Delegation) (bool, error) {
	end, err := EndInstant(d.LastDay())
	if err != nil {
		return false, err
	}
	res := tx.Model(&Delegation{}).Where("id = ? AND ended_at IS NULL", d.ID).
		Updates(map[string]any{"ended_at": end.UTC(), "end_reason": EndExpired})
	if res.Error != nil || res.RowsAffected == 0 {
		return false, res.Error
	}
	surveyor, matricule, delegate, err := parties(tx, d)
	if err != nil {
		return false, err
	}
	sp := accounts.Person(accounts.UserView{User: surveyor, Matricule: matricule})
	name := nameOf(delegate)
	if err := tx.Create(activity.NewRow(w.now(), activity.DelegationExpired, sp, sp, "", activity.Detail(name))).Error; err != nil {
		return false, err
	}
	return true, mail.Enqueue(tx,
		mail.DelegationExpiredToSurveyor(surveyor.Email, surveyor.FirstName, name, d.LastDay()),
		mail.DelegationExpiredToDelegate(delegate.Email, delegate.FirstName, sp.FullName(), matricule, d.LastDay()),
	)
}

// remindOne queues the seven-day reminder to both parties, once.
func (w *DeadlineWorker) remindOne(tx *gorm.DB, d Delegation) (bool, error) {
	res := tx.Model(&Delegation{}).Where("id = ? AND reminder_sent_at IS NULL AND ended_at IS NULL", d.ID).
		Update("reminder_sent_at", w.now().UTC())
	if res.Error != nil || res.RowsAffected == 0 {
		return false, res.Error
	}
	surveyor, matricule, delegate, err := parties(tx, d)
	if err != nil {
		return false, err
	}
	return true, mail.Enqueue(tx,
		mail.DelegationEndingSoonToSurveyor(surveyor.Email, surveyor.FirstName, nameOf(delegate), d.LastDay()),
		mail.DelegationEndingSoonToDelegate(delegate.Email, delegate.FirstName, nameOf(surveyor), matricule, d.LastDay()),
	)
}
