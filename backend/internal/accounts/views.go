package accounts

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/auth"
	"espace/backend/internal/store"
)

// Contact is a user as another person may see them: names, username and
// e-mail, and nothing else of the account (no password hash, no flags).
type Contact struct {
	ID        uuid.UUID
	Username  string
	FirstName string
	LastName  string
	Email     string
}

// ContactOf is the part of u that others may see.
func ContactOf(u store.User) Contact {
	return Contact{ID: u.ID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email}
}

// userRow is a user read with usersWithMatricule.
type userRow struct {
	store.User
	Matricule *string // null when not a surveyor in office
}

func (r userRow) view() UserView {
	v := UserView{User: r.User}
	if r.Matricule != nil {
		v.Matricule = *r.Matricule
	}
	return v
}

// usersWithMatricule reads users with the matricule of their status in
// office, if any, in one query: User runs it on every authenticated
// request, People once per list.
func usersWithMatricule(db *gorm.DB) *gorm.DB {
	return db.Table("users").Select("users.*, surveyors.matricule").
		Joins("LEFT JOIN surveyors ON surveyors.user_id = users.id AND surveyors." + store.ActiveSurveyor)
}

// peopleBatch bounds the ids of one IN list.
const peopleBatch = 500

// People resolves user ids to people (names, username, matricule when in
// office), in one query per 500 distinct ids, so that a list never costs a
// query per line. An unknown id is left out of the map.
func (s *Service) People(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]auth.Person, error) {
	out := make(map[uuid.UUID]auth.Person, len(ids))
	seen := make(map[uuid.UUID]bool, len(ids))
	var distinct []uuid.UUID
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			distinct = append(distinct, id)
		}
	}
	for len(distinct) > 0 {
		batch := distinct[:min(len(distinct), peopleBatch)]
		distinct = distinct[len(batch):]
		var rows []userRow
		if err := usersWithMatricule(s.DB.Conn(ctx)).Where("users.id IN ?", batch).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = Person(r.view())
		}
	}
	return out, nil
}
