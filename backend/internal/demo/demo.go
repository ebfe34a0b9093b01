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
		return nil
	})
}

// IsEmpty tells whether the database holds no user yet.
func IsEmpty(ctx context.Context, db *store.DB) (bool, error) {
	var n int64
	err := db.Conn(ctx).Model(&store.User{}).Count(&n).Error
	return n == 0, err
}
