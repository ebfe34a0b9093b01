package portal

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/delegation"
	"espace/backend/internal/mail"
	"espace/backend/internal/store"
)

// Message is a message posted by the ministry on a dossier. Its read state
// is the responsible surveyor's (§7).
type Message struct {
	ID            uuid.UUID `gorm:"type:uuid;primaryKey"`
	DossierNumber string
	Subject       string
	Body          string
	PostedAt      time.Time
	PostedBy      uuid.UUID `gorm:"type:uuid"`
	ReadAt        *time.Time
	ReadBy        *uuid.UUID `gorm:"type:uuid"`
}

func (Message) TableName() string { return "dossier_messages" }

// Communique is a notice to every surveyor.
type Communique struct {
	ID          uuid.UUID `gorm:"type:uuid;primaryKey"`
	Subject     string
	Body        string
	PublishedAt time.Time
	PublishedBy uuid.UUID `gorm:"type:uuid"`
}

type communiqueRead struct {
	CommuniqueID uuid.UUID `gorm:"type:uuid;primaryKey"`
	SurveyorID   uuid.UUID `gorm:"type:uuid;primaryKey"`
	ReadAt       time.Time
	ReadBy       uuid.UUID `gorm:"type:uuid"`
}

func (communiqueRead) TableName() string { return "communique_reads" }

// MessageView is a message with who opened it first.
type MessageView struct {
	Message
	ReadByPerson *auth.Person
}

// CommuniqueView is a communiqué with the surveyor's read state.
type CommuniqueView struct {
	Communique
	Read bool
}

// PostMessage publishes a message on a dossier and alerts the responsible
// surveyor by e-mail, never the délégataires (§7).
func (s *Service) PostMessage(ctx context.Context, admin auth.Person, number, subject, body string) (MessageView, error) {
	var out MessageView
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		var d Dossier
		if err := store.TakeOr(tx.Where("number = ?", number), &d, apperr.NotFound("Dossier introuvable.")); err != nil {
			return err
		}
		m := Message{ID: uuid.New(), DossierNumber: number, Subject: subject, Body: body, PostedAt: time.Now().UTC(), PostedBy: admin.ID}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		var surveyor store.User
		if err := tx.Where("id = ?", d.ResponsibleID).Take(&surveyor).Error; err != nil {
			return err
		}
		out = MessageView{Message: m}
		responsible, err := s.Accounts.User(ctx, d.ResponsibleID)
		if err != nil {
			return err
		}
		if err := activity.RecordAdmin(tx, activity.MessagePosted, admin, accounts.Person(responsible), number, activity.Detail(subject)); err != nil {
			return err
		}
		return mail.Enqueue(tx, mail.DossierMessageAlert(surveyor.Email, surveyor.FirstName, number, subject))
	})
	if err == nil {
		s.mailQueued()
	}
	return out, err
}

// Messages lists the messages of one of the principal's dossiers, each with
// who opened it first, in one query after the dossier's. A read: no
// transaction, no lock.
func (s *Service) Messages(ctx context.Context, sess *auth.Session, number string) ([]MessageView, error) {
	if sess.Principal == nil {
		return nil, delegation.ErrNotActive
	}
	db := s.DB.Conn(ctx)
	if _, err := grantedDossier(db, sess, number); err != nil {
		return nil, err
	}
	var rows []messageRow
	err := withReader(db).Where("dossier_messages.dossier_number = ?", number).
		Order("dossier_messages.posted_at DESC, dossier_messages.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]MessageView, len(rows))
	for i, r := range rows {
		out[i] = r.view()
	}
	return out, nil
}

// withReader selects messages with their first reader's name and matricule.
func withReader(db *gorm.DB) *gorm.DB {
	return db.Table("dossier_messages").
		Select("dossier_messages.*, users.username AS reader_username, users.first_name AS reader_first_name, " +
			"users.last_name AS reader_last_name, users.is_admin AS reader_is_admin, surveyors.matricule AS reader_matricule").
		Joins("LEFT JOIN users ON users.id = dossier_messages.read_by").
		Joins("LEFT JOIN surveyors ON surveyors.user_id = dossier_messages.read_by AND surveyors.withdrawn_at IS NULL")
}

// messageRow is a message with its first reader, as one row.
type messageRow struct {
	Message         `gorm:"embedded"`
	ReaderUsername  *string
	ReaderFirstName *string
	ReaderLastName  *string
	ReaderIsAdmin   *bool
	ReaderMatricule *string
}

func (r messageRow) view() MessageView {
	v := MessageView{Message: r.Message}
	if r.ReadBy != nil && r.ReaderUsername != nil {
		p := auth.Person{ID: *r.ReadBy, Username: *r.ReaderUsername}
		if r.ReaderFirstName != nil {
			p.FirstName = *r.ReaderFirstName
		}
		if r.ReaderLastName != nil {
			p.LastName = *r.ReaderLastName
		}
		if r.ReaderIsAdmin != nil {
			p.IsAdmin = *r.ReaderIsAdmin
		}
		if r.ReaderMatricule != nil {
			p.Matricule = *r.ReaderMatricule
		}
		v.ReadByPerson = &p
	}
	return v
}

// MarkMessageRead records that the message was opened: read for the
// surveyor, whoever of them or their délégataires opened it first.
func (s *Service) MarkMessageRead(ctx context.Context, sess *auth.Session, number string, id uuid.UUID) (MessageView, error) {
	var out MessageView
	err := s.onDossier(ctx, sess, number, func(tx *gorm.DB, _ Dossier) error {
		now := time.Now().UTC()
		if err := tx.Model(&Message{}).Where("id = ? AND dossier_number = ? AND read_at IS NULL", id, number).
			Updates(map[string]any{"read_at": now, "read_by": sess.Actor.ID}).Error; err != nil {
			return err
		}
		var rows []messageRow
		err := withReader(tx).Where("dossier_messages.id = ? AND dossier_messages.dossier_number = ?", id, number).Scan(&rows).Error
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return apperr.NotFound("Message introuvable.")
		}
		out = rows[0].view()
		return nil
	})
	return out, err
}

// PostCommunique publishes a notice and alerts every surveyor (only them).
func (s *Service) PostCommunique(ctx context.Context, admin auth.Person, subject, body string) (CommuniqueView, error) {
	c := Communique{ID: uuid.New(), Subject: subject, Body: body, PublishedAt: time.Now().UTC(), PublishedBy: admin.ID}
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		var surveyors []store.User
		if err := tx.Where("id IN (SELECT user_id FROM surveyors WHERE withdrawn_at IS NULL)").Order("email_key").Find(&surveyors).Error; err != nil {
			return err
		}
		msgs := make([]mail.Message, 0, len(surveyors))
		for _, u := range surveyors {
			msgs = append(msgs, mail.CommuniqueAlert(u.Email, u.FirstName, subject))
		}
		// A communiqué is for every surveyor: the journal names the
		// administrator on both sides, and the subject.
		if err := activity.RecordAdmin(tx, activity.CommuniquePosted, admin, admin, "", activity.Detail(subject)); err != nil {
			return err
		}
		return mail.Enqueue(tx, msgs...)
	})
	if err == nil {
		s.mailQueued()
	}
	return CommuniqueView{Communique: c}, err
}

// Communiques lists every communiqué with the principal's read state. A
// read: no transaction, no lock.
func (s *Service) Communiques(ctx context.Context, sess *auth.Session) ([]CommuniqueView, error) {
	var out []CommuniqueView
	if sess.Principal == nil {
		return nil, delegation.ErrNotActive
	}
	err := func(tx *gorm.DB) error {
		var rows []Communique
		if err := tx.Order("published_at DESC, id").Find(&rows).Error; err != nil {
			return err
		}
		var reads []communiqueRead
		if err := tx.Where("surveyor_id = ?", sess.Principal.ID).Find(&reads).Error; err != nil {
			return err
		}
		read := map[uuid.UUID]bool{}
		for _, r := range reads {
			read[r.CommuniqueID] = true
		}
		for _, c := range rows {
			out = append(out, CommuniqueView{Communique: c, Read: read[c.ID]})
		}
		return nil
	}(s.DB.Conn(ctx))
	return out, err
}

// MarkCommuniqueRead records the communiqué as read for the surveyor.
func (s *Service) MarkCommuniqueRead(ctx context.Context, sess *auth.Session, id uuid.UUID) (CommuniqueView, error) {
	var out CommuniqueView
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		var c Communique
		if err := store.TakeOr(tx.Where("id = ?", id), &c, apperr.NotFound("Communiqué introuvable.")); err != nil {
			return err
		}
		// The first reader counts; reading again changes nothing.
		r := communiqueRead{CommuniqueID: id, SurveyorID: sess.Principal.ID, ReadAt: time.Now().UTC(), ReadBy: sess.Actor.ID}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error; err != nil {
			return err
		}
		out = CommuniqueView{Communique: c, Read: true}
		return nil
	})
	return out, err
}
