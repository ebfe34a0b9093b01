package demo

import (
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/backend/internal/accounts"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/portal"
	"espace/backend/internal/quebec"
	"espace/backend/internal/store"
)

// entry is one line of the demo history: when (Québec time), what, by whom,
// for whom, on which dossier, and its « Détail » (§13).
type entry struct {
	at          string
	what        activity.Type
	by, forWhom string
	dossier     string
	detail      string
}

// History reproduces the two tables of the guide (October 2020), plus older
// entries so that Jean Piette's history spans three pages of ten, as in the
// guide's « Page 2 de 3 (23 activités) ».
var History = []entry{
	{"2020-10-14 14:20", activity.LotReservation, "edescartes", "jpiette", "", "Lots 6 123 401, 6 123 402"},
	{"2020-10-14 11:05", activity.LotReservation, "edescartes", "clavoie", "1096429", "Lot 4 567 890; 1 plan complémentaire"},
	{"2020-10-13 16:40", activity.DelegateAdded, "jpiette", "jpiette", "", "Édith Descartes"},
	{"2020-10-13 16:30", activity.DelegateRemoved, "jpiette", "jpiette", "", "Marie Tremblay"},
	{"2020-10-13 15:10", activity.ProductOrder, "edescartes", "jpiette", "", "CP-2020-000412 : Plan cadastral (PDF) × 1 — Lots 1 234 567, 2 345 678"},
	{"2020-10-13 09:45", activity.DelegateAdded, "jpiette", "jpiette", "", "Pierre Quiroule"},
	{"2020-10-07 10:00", activity.DelegateAdded, "jpiette", "jpiette", "", "Édith Descartes"},
	{"2020-09-30 16:15", activity.ClosingDateExtension, "jpiette", "aproviste", "1096729", "Nouvelle date de fermeture : 2020-12-18"},
	{"2020-09-30 14:00", activity.ProductOrder, "jpiette", "jpiette", "", "CP-2020-000398 : Fiche de lot (PDF) × 2 — Lot 6 123 401"},
	{"2020-09-30 11:20", activity.LotReservation, "pquiroule", "jpiette", "1093112", "Lots 6 123 403, 6 123 404"},
	{"2020-09-30 09:05", activity.LotReservation, "jpiette", "jpiette", "1093112", "Lots 6 123 401, 6 123 402"},
	{"2020-09-29 15:30", activity.DelegateRemoved, "jpiette", "jpiette", "", "Claire Lavoie"},
	{"2020-09-28 13:10", activity.DossierViewed, "pquiroule", "jpiette", "1093112", "Lots 6 123 401 à 6 123 404, Lévis"},
	{"2020-09-25 10:40", activity.LotCorrectionCheck, "pquiroule", "jpiette", "", "Lot 3 456 789"},
	{"2020-09-24 15:55", activity.DMPrevalidation, "jpiette", "jpiette", "", "dm-5003-lotissement.xml"},
	{"2020-09-23 11:15", activity.DossierViewed, "edescartes", "jpiette", "1094870", "Bornage, rang Saint-Joseph, Saint-Henri"},
	{"2020-09-22 09:30", activity.ProductOrder, "pquiroule", "jpiette", "", "CP-2020-000377 : Extrait du registre (papier) × 1 — Lot 2 345 678"},
	{"2020-09-21 14:45", activity.DelegateAdded, "jpiette", "jpiette", "", "Claire Lavoie"},
	{"2020-09-18 10:20", activity.DossierViewed, "jpiette", "jpiette", "1093112", "Lots 6 123 401 à 6 123 404, Lévis"},
	{"2020-09-17 16:05", activity.LotCorrectionCheck, "jpiette", "jpiette", "", "Lot 1 234 567"},
	{"2020-09-16 13:35", activity.DMPrevalidation, "edescartes", "jpiette", "", "dm-5003-remplacement.xml"},
	{"2020-09-15 09:50", activity.DossierViewed, "jpiette", "aproviste", "1096729", "Arpentage du lot 3 456 789, Québec"},
	{"2020-09-14 11:00", activity.DelegateAdded, "jpiette", "jpiette", "", "Alain Proviste"},
	{"2020-09-11 15:25", activity.DelegateAdded, "jpiette", "jpiette", "", "Pierre Quiroule"},
	{"2020-09-10 10:10", activity.DelegateAdded, "clavoie", "clavoie", "", "Édith Descartes"},
	{"2020-09-09 14:30", activity.DossierViewed, "edescartes", "clavoie", "1096429", "Lot 1 234 567, Sherbrooke"},
}

// Lots of the demo cadastre, for checks and orders.
var Lots = []struct{ Number, Status, Dossier, Note string }{
	{"1234567", "en_vigueur", "", ""},
	{"2345678", "en_vigueur", "", ""},
	{"3456789", "correction_requise", "", "Mesure du côté nord à corriger (dossier de correction 1088214)."},
	{"4567890", "en_vigueur", "", ""},
	{"6123401", "en_vigueur", "1093112", ""},
	{"6123402", "en_vigueur", "1093112", ""},
	{"6123403", "en_vigueur", "1093112", ""},
	{"6123404", "en_vigueur", "1093112", ""},
}

func seedHistory(tx *gorm.DB) error {
	var n int64
	if err := tx.Model(&activity.Row{}).Where("occurred_at < ?", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	people := map[string]auth.Person{}
	person := func(username string) (auth.Person, error) {
		if p, ok := people[username]; ok {
			return p, nil
		}
		var u store.User
		if err := tx.Where("username_key = ?", username).Take(&u).Error; err != nil {
			return auth.Person{}, err
		}
		var sv store.Surveyor
		view := accounts.UserView{User: u}
		if tx.Where("user_id = ? AND "+store.ActiveSurveyor, u.ID).Take(&sv).Error == nil {
			view.Matricule = sv.Matricule
		}
		people[username] = accounts.Person(view)
		return people[username], nil
	}
	// Oldest first, so that ids follow time as they do in real use.
	for i := len(History) - 1; i >= 0; i-- {
		h := History[i]
		at, err := time.ParseInLocation("2006-01-02 15:04", h.at, quebec.Location)
		if err != nil {
			return err
		}
		by, err := person(h.by)
		if err != nil {
			return err
		}
		forWhom, err := person(h.forWhom)
		if err != nil {
			return err
		}
		if err := tx.Create(activity.NewRow(at, h.what, by, forWhom, h.dossier, activity.Detail(h.detail))).Error; err != nil {
			return err
		}
	}
	return nil
}

func seedLots(tx *gorm.DB, now time.Time) error {
	for _, l := range Lots {
		var n int64
		if err := tx.Model(&portal.Lot{}).Where("number = ?", l.Number).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		lot := portal.Lot{Number: l.Number, Status: portal.LotStatus(l.Status), Note: l.Note, UpdatedAt: now}
		if l.Dossier != "" {
			d := l.Dossier
			lot.DossierNumber = &d
		}
		if err := tx.Create(&lot).Error; err != nil {
			return err
		}
	}
	return nil
}

// seedMessages posts a few messages from the ministry and one communiqué.
func seedMessages(tx *gorm.DB, now time.Time) error {
	var n int64
	if err := tx.Model(&portal.Message{}).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	admin, err := userID(tx, "admin")
	if err != nil {
		return err
	}
	msgs := []portal.Message{
		{DossierNumber: "1096429", Subject: "Pièce manquante : plan signé", Body: "Veuillez joindre au dossier le plan signé numériquement."},
		{DossierNumber: "1093112", Subject: "Dossier en traitement", Body: "Votre demande est en cours d'analyse par la Direction de l'enregistrement cadastral."},
		{DossierNumber: "1096729", Subject: "Date de fermeture", Body: "La date de fermeture du dossier approche. Demandez un prolongement au besoin."},
	}
	for i := range msgs {
		msgs[i].ID, msgs[i].PostedBy, msgs[i].PostedAt = uuid.New(), admin, now.Add(-time.Duration(i+1)*time.Hour)
	}
	if err := tx.Create(&msgs).Error; err != nil {
		return err
	}
	return tx.Create(&portal.Communique{ID: uuid.New(), Subject: "Mise à jour des normes de dépôt",
		Body:        "Les nouvelles instructions de présentation des documents cadastraux s'appliquent dès le 1er février.",
		PublishedAt: now.Add(-48 * time.Hour), PublishedBy: admin}).Error
}
