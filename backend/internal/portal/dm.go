package portal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/paging"
)

// MaxDMSize bounds a DM file (rule R1).
const MaxDMSize = 5 << 20

// MaxDMLots bounds the lots of one DM (rule R6).
const MaxDMLots = 500

// Finding is the outcome of one prevalidation rule.
type Finding struct {
	Rule    string `json:"rule"`
	Passed  bool   `json:"passed"`
	Message string `json:"message"`
}

// DMFile is an uploaded DM.
type DMFile struct {
	Name    string
	Content []byte
}

// Prevalidation is a « Prévalidation d'une DM », kept with its report.
type Prevalidation struct {
	Done
	FileName  string
	Size      int64
	Sha256    string `gorm:"column:sha256"`
	Valid     bool
	Findings  []Finding `gorm:"serializer:json"` // a JSON array in a text column
	CheckedAt time.Time
}

func (Prevalidation) TableName() string { return "dm_prevalidations" }

// Deposit is a « Dépôt d'une DM »: the file as received, and the dossier it opened.
type Deposit struct {
	ID            uuid.UUID `gorm:"type:uuid;primaryKey"`
	SurveyorID    uuid.UUID `gorm:"type:uuid"`
	FileName      string
	Size          int64
	Sha256        string `gorm:"column:sha256"`
	Content       []byte
	LotCount      int
	DossierNumber string
	DepositedAt   time.Time
}

func (Deposit) TableName() string { return "dm_deposits" }

type dmDocument struct {
	XMLName   xml.Name
	Matricule string `xml:"matricule,attr"`
	Dossier   string `xml:"dossier,attr"`
	Lots      []struct {
		Numero    string `xml:"numero,attr"`
		Operation string `xml:"operation,attr"`
	} `xml:"Lot"`
}

var sevenDigits = regexp.MustCompile(`^[0-9]{7}$`)

// rules applies R1 to R8 (documented in openapi.yaml) and returns the
// report and the number of lots.
func (s *Service) rules(tx *gorm.DB, sess *auth.Session, f DMFile) ([]Finding, int, error) {
	var out []Finding
	add := func(rule string, ok bool, msg string) bool {
		out = append(out, Finding{Rule: rule, Passed: ok, Message: msg})
		return ok
	}
	skip := func(from int) {
		for i := from; i <= 8; i++ {
			add(fmt.Sprintf("R%d", i), false, "Non vérifiée : une règle précédente n'est pas respectée.")
		}
	}
	r1 := strings.EqualFold(path.Ext(f.Name), ".xml") && len(f.Content) > 0 && len(f.Content) <= MaxDMSize
	if !add("R1", r1, ternary(r1, "Fichier XML de taille acceptable.", "Le fichier doit être un document .xml non vide de 5 Mo au plus.")) {
		skip(2)
		return out, 0, nil
	}
	var doc dmDocument
	dec := xml.NewDecoder(bytes.NewReader(f.Content))
	err := dec.Decode(&doc)
	if err == nil {
		// Nothing but blanks may follow the root element.
		for {
			tok, e := dec.Token()
			if errors.Is(e, io.EOF) {
				break
			}
			if e != nil {
				err = e
				break
			}
			if cd, ok := tok.(xml.CharData); !ok || len(bytes.TrimSpace(cd)) > 0 {
				err = errors.New("contenu après l'élément racine")
				break
			}
		}
	}
	if !add("R2", err == nil, ternary(err == nil, "XML bien formé.", "Le XML est mal formé.")) {
		skip(3)
		return out, 0, nil
	}
	if !add("R3", doc.XMLName.Local == "DemandeMiseAJour", ternary(doc.XMLName.Local == "DemandeMiseAJour",
		"Élément racine DemandeMiseAJour.", "L'élément racine doit être DemandeMiseAJour (trouvé : "+doc.XMLName.Local+").")) {
		skip(4)
		return out, 0, nil
	}
	add("R4", doc.Matricule == sess.Principal.Matricule, ternary(doc.Matricule == sess.Principal.Matricule,
		"Matricule "+shown(doc.Matricule)+" de l'arpenteur-géomètre.",
		"Le matricule de la demande ("+shown(doc.Matricule)+") n'est pas celui de l'arpenteur-géomètre ("+sess.Principal.Matricule+")."))
	if doc.Dossier == "" {
		add("R5", true, "Aucun dossier indiqué.")
	} else {
		var n int64
		if err := tx.Model(&Dossier{}).Where("number = ? AND responsible_id = ? AND kind = ?", doc.Dossier, sess.Principal.ID, CadastreDossier).Count(&n).Error; err != nil {
			return nil, 0, err
		}
		add("R5", n == 1, ternary(n == 1, "Dossier "+shown(doc.Dossier)+" de l'arpenteur-géomètre.",
			"Le dossier "+shown(doc.Dossier)+" n'est pas un dossier du cadastre de l'arpenteur-géomètre."))
	}
	count := len(doc.Lots)
	add("R6", count >= 1 && count <= MaxDMLots, ternary(count >= 1 && count <= MaxDMLots,
		fmt.Sprintf("%d lot(s).", count), fmt.Sprintf("La demande doit compter de 1 à %d lots (trouvé : %d).", MaxDMLots, count)))
	seen := map[string]bool{}
	var bad, badOps []string
	for _, l := range doc.Lots {
		if !sevenDigits.MatchString(l.Numero) || seen[l.Numero] {
			bad = append(bad, shown(l.Numero))
		}
		seen[l.Numero] = true
		switch l.Operation {
		case "creation", "modification", "annulation":
		default:
			badOps = append(badOps, shown(l.Numero))
		}
	}
	add("R7", len(bad) == 0, ternary(len(bad) == 0, "Numéros de lots valides et uniques.",
		"Numéros de lots invalides ou en double : "+strings.Join(bad, ", ")+"."))
	add("R8", len(badOps) == 0, ternary(len(badOps) == 0, "Opérations valides.",
		"Opération absente ou invalide (creation, modification, annulation) pour : "+strings.Join(badOps, ", ")+"."))
	return out, count, nil
}

// shown is a value of the file as the stored report repeats it: XML lets an
// attribute hold tabs, line breaks and C1 control characters, which no
// stored text may hold (§17).
func shown(v string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) {
			return '\uFFFD'
		}
		return r
	}, v)
}

func ternary(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

func valid(findings []Finding) bool {
	for _, f := range findings {
		if !f.Passed {
			return false
		}
	}
	return true
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Prevalidate checks a DM without filing it, and keeps the report.
func (s *Service) Prevalidate(ctx context.Context, sess *auth.Session, f DMFile) (Prevalidation, error) {
	var out Prevalidation
	err := s.inPrincipalsName(ctx, sess, func(ctx context.Context, tx *gorm.DB) error {
		findings, _, err := s.rules(tx, sess, f)
		if err != nil {
			return err
		}
		out = Prevalidation{Done: doneFor(sess), FileName: f.Name,
			Size: int64(len(f.Content)), Sha256: digest(f.Content), Valid: valid(findings), Findings: findings, CheckedAt: time.Now().UTC()}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.DMPrevalidation, sess.Actor, *sess.Principal, "", activity.Detail(f.Name))
	})
	return out, err
}

// Deposit files a DM. Only a surveyor acting in their own name may (§3);
// the file must pass every prevalidation rule. It opens a cadastre dossier.
func (s *Service) Deposit(ctx context.Context, sess *auth.Session, f DMFile) (Deposit, error) {
	if !sess.ActsForSelf() {
		return Deposit{}, apperr.Forbidden(api.ProblemCodeSurveyorOnly, "Le dépôt d'une demande de mise à jour du cadastre est réservé à l'arpenteur-géomètre agissant en son propre nom.")
	}
	var out Deposit
	err := s.DB.WithTx(ctx, func(ctx context.Context, tx *gorm.DB) error {
		findings, lots, err := s.rules(tx, sess, f)
		if err != nil {
			return err
		}
		if !valid(findings) {
			e := apperr.Unprocessable(api.ProblemCodeValidationFailed,
				"La DM ne respecte pas les règles de prévalidation; elle n'a pas été déposée.")
			for _, fd := range findings {
				if !fd.Passed {
					e.Fields = append(e.Fields, apperr.Field("/file", fd.Rule+" : "+fd.Message))
				}
			}
			return e
		}
		seq, err := take(tx, "dossier", 1)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		number := fmt.Sprintf("%07d", seq)
		d := Dossier{Number: number, Kind: CadastreDossier, Title: fmt.Sprintf("DM déposée — %d lot(s)", lots), Status: DossierProcessing,
			ResponsibleID: sess.Principal.ID, OpenedAt: now}
		if err := tx.Create(&d).Error; err != nil {
			return err
		}
		out = Deposit{ID: uuid.New(), SurveyorID: sess.Principal.ID, FileName: f.Name, Size: int64(len(f.Content)),
			Sha256: digest(f.Content), Content: f.Content, LotCount: lots, DossierNumber: number, DepositedAt: now}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		return activity.Record(tx, activity.DMDeposit, sess.Actor, *sess.Principal, number, activity.Detail(f.Name))
	})
	return out, err
}

// Prevalidations lists the principal's prevalidations, newest first.
func (s *Service) Prevalidations(ctx context.Context, sess *auth.Session, page, size int) (paging.Page[Prevalidation], error) {
	return listOf[Prevalidation](ctx, s, sess, page, size, "checked_at DESC, id")
}

// Deposits lists the surveyor's deposits, newest first (without contents).
func (s *Service) Deposits(ctx context.Context, sess *auth.Session, page, size int) (paging.Page[Deposit], error) {
	out := paging.Page[Deposit]{Page: page, PageSize: size, Items: []Deposit{}}
	q := s.DB.Conn(ctx).Model(&Deposit{}).Where("surveyor_id = ?", sess.Actor.ID)
	var err error
	out.TotalItems, err = paged(q, "id, surveyor_id, file_name, size, sha256, lot_count, dossier_number, deposited_at", page, size, "deposited_at DESC, id", &out.Items)
	return out, err
}
