// Package demo loads the cast of the ministry's user guide, so that a fresh
// installation can be tried at once. Running it twice changes nothing.
package demo

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/delegation"
	"espace/backend/internal/portal"
	"espace/backend/internal/store"
)

// Person is one account of the demo cast.
type Person struct {
	Username, FirstName, LastName, Email, Matricule string
	Admin                                           bool
}

// Cast is the guide's people: four surveyors, two staff members and the
// ministry's administrator.
var Cast = []Person{
	{Username: "jpiette", FirstName: "Jean", LastName: "Piette", Email: "jean.piette@exemple.qc.ca", Matricule: "5003"},
	{Username: "clavoie", FirstName: "Claire", LastName: "Lavoie", Email: "claire.lavoie@exemple.qc.ca", Matricule: "5001"},
	{Username: "aproviste", FirstName: "Alain", LastName: "Proviste", Email: "alain.proviste@exemple.qc.ca", Matricule: "5002"},
	{Username: "mtremblay", FirstName: "Marie", LastName: "Tremblay", Email: "marie.tremblay@exemple.qc.ca", Matricule: "5004"},
	{Username: "edescartes", FirstName: "Édith", LastName: "Descartes", Email: "edith.descartes@exemple.qc.ca"},
	{Username: "pquiroule", FirstName: "Pierre", LastName: "Quiroule", Email: "pierre.quiroule@exemple.qc.ca"},
	{Username: "admin", FirstName: "Administration", LastName: "MRNF", Email: "admin@exemple.qc.ca", Admin: true},
}

// Delegations of the demo: who is délégataire of whom (délégataire, délégant).
// Marie Tremblay has none yet, so the first-délégataire password rule shows.
var Delegations = [][2]string{
	{"edescartes", "jpiette"},
	{"edescartes", "clavoie"},
	{"pquiroule", "jpiette"},
	{"jpiette", "aproviste"},
}

// Dossiers of the demo, from the guide's examples (number, kind, surveyor, title).
var Dossiers = [][4]string{
	{"1093112", "cadastre", "jpiette", "Lots 6 123 401 à 6 123 404, Lévis"},
	{"1094870", "arpentage", "jpiette", "Bornage, rang Saint-Joseph, Saint-Henri"},
	{"1096429", "cadastre", "clavoie", "Lot 1 234 567, Sherbrooke"},
	{"1095310", "arpentage", "clavoie", "Piquetage, chemin du Lac, Magog"},
	{"1096729", "arpentage", "aproviste", "Arpentage du lot 3 456 789, Québec"},
	{"1097001", "cadastre", "aproviste", "Morcellement, rue des Érables, Lévis"},
	{"1097215", "cadastre", "mtremblay", "Lot 5 678 901, Rimouski"},
}

// Seed creates whatever part of the cast is missing. Surveyors' passwords
// are dated 30 days back, so the first-délégataire password rule shows.
func Seed(ctx context.Context, db *store.DB, acc *accounts.Service, password string) error {
	hash, err := acc.Hasher.Hash(password)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	return db.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		for _, p := range Cast {
			var existing store.User
			err := tx.Where("username_key = ?", accounts.FoldKey(p.Username)).Take(&existing).Error
			if err == nil {
				continue
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
			changed := now
			if p.Matricule != "" {
				changed = now.AddDate(0, 0, -30)
			}
			u := store.User{ID: uuid.New(), Username: p.Username, UsernameKey: accounts.FoldKey(p.Username),
				Email: p.Email, EmailKey: accounts.FoldKey(p.Email), FirstName: p.FirstName, LastName: p.LastName,
				PasswordHash: hash, PasswordChangedAt: changed, IsAdmin: p.Admin, CreatedAt: changed, UpdatedAt: changed}
			if err := tx.Create(&u).Error; err != nil {
				return err
			}
			if p.Matricule != "" {
				if err := tx.Create(&store.Surveyor{UserID: u.ID, Matricule: p.Matricule, GrantedAt: changed}).Error; err != nil {
					return err
				}
			}
		}
		if err := seedDelegations(tx, now); err != nil {
			return err
		}
		if err := seedDossiers(tx, now); err != nil {
			return err
		}
		if err := seedLots(tx, now); err != nil {
			return err
		}
		if err := seedMessages(tx, now); err != nil {
			return err
		}
		return seedHistory(tx)
	})
}

func userID(tx *gorm.DB, username string) (uuid.UUID, error) {
	var u store.User
	err := tx.Where("username_key = ?", accounts.FoldKey(username)).Take(&u).Error
	return u.ID, err
}

func seedDelegations(tx *gorm.DB, now time.Time) error {
	for i, pair := range Delegations {
		delegate, err := userID(tx, pair[0])
		if err != nil {
			return err
		}
		delegant, err := userID(tx, pair[1])
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&delegation.Delegation{}).Where("delegant_id = ? AND delegate_id = ?", delegant, delegate).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		at := now.AddDate(0, 0, -60+i)
		if err := tx.Create(&delegation.Delegation{ID: uuid.New(), DelegantID: delegant, DelegateID: delegate, CreatedAt: at, CreatedBy: delegant}).Error; err != nil {
			return err
		}
	}
	return nil
}

func seedDossiers(tx *gorm.DB, now time.Time) error {
	for i, d := range Dossiers {
		var n int64
		if err := tx.Model(&portal.Dossier{}).Where("number = ?", d[0]).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		owner, err := userID(tx, d[2])
		if err != nil {
			return err
		}
		closing := time.Date(2027, time.Month(1+i%12), 15, 0, 0, 0, 0, time.UTC)
		if err := tx.Create(&portal.Dossier{Number: d[0], Kind: portal.DossierKind(d[1]), Title: d[3], Status: portal.DossierOpen, ClosingDate: &closing,
			ResponsibleID: owner, OpenedAt: now.AddDate(0, -2, -i)}).Error; err != nil {
			return err
		}
	}
	return nil
}

// IsEmpty tells whether the database holds no user yet.
func IsEmpty(ctx context.Context, db *store.DB) (bool, error) {
	var n int64
	// The system actor of the command line (§13) comes with the schema.
	err := db.Conn(ctx).Model(&store.User{}).Where("id <> ?", store.SystemUserID).Count(&n).Error
	return n == 0, err
}
