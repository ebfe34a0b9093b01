package delegation

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"espace/api"
	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
)

// The service codes of SPEC §3.
const (
	LotReservation     = "lot_reservation"
	LotCorrectionCheck = "lot_correction_check"
	CadastreDossiers   = "cadastre_dossiers"
	SurveyDossiers     = "survey_dossiers"
	ProductOrder       = "product_order"
	DMPrevalidation    = "dm_prevalidation"
	DMDeposit          = "dm_deposit" // never delegated
)

// Pseudo-codes of operations whose service is not fixed (§11).
const (
	// ByDossierKind: the dossier's kind decides (cadastre_dossiers or
	// survey_dossiers); checked once the dossier, or the requested kind,
	// is known.
	ByDossierKind = "dossier_kind"
	// AnyService: any granted service will do (communiqués).
	AnyService = "any"
)

// DelegableServices are the codes a delegation may grant, in the order of §3.
var DelegableServices = []string{LotReservation, LotCorrectionCheck, CadastreDossiers, SurveyDossiers, ProductOrder, DMPrevalidation}

// serviceLabels are the French names of §3, for details and e-mails.
var serviceLabels = map[string]string{
	LotReservation:     "Réservation de lot",
	LotCorrectionCheck: "Vérification de la correction de lots",
	CadastreDossiers:   "Suivi des dossiers du cadastre",
	SurveyDossiers:     "Suivi des dossiers d'arpentage",
	ProductOrder:       "Commande de produits cadastraux",
	DMPrevalidation:    "Prévalidation d'une DM",
}

// ServiceLabel is the French name of a delegable service.
func ServiceLabel(code string) string {
	if l, ok := serviceLabels[code]; ok {
		return l
	}
	return code
}

// DossierService is the service a dossier of the given kind belongs to.
func DossierService(kind string) string {
	if kind == "arpentage" {
		return SurveyDossiers
	}
	return CadastreDossiers
}

// ErrServiceNotDelegated refuses a service the délégant did not grant.
var ErrServiceNotDelegated = apperr.Forbidden(api.ProblemCodeServiceNotDelegated,
	"L'arpenteur-géomètre ne vous a pas délégué ce service.")

// CheckServices validates a requested list of services (field is its JSON
// pointer) and returns it in the canonical order, without duplicates.
func CheckServices(field string, list []string) ([]string, error) {
	if len(list) == 0 {
		return nil, apperr.Invalid(apperr.Field(field, "Choisissez au moins un service."))
	}
	for i, c := range list {
		if c == DMDeposit {
			return nil, apperr.Invalid(apperr.Field(field+"/"+strconv.Itoa(i), "Le dépôt d'une demande de mise à jour du cadastre ne peut pas être délégué."))
		}
		if !slices.Contains(DelegableServices, c) {
			return nil, apperr.Invalid(apperr.Field(field+"/"+strconv.Itoa(i), "Service inconnu."))
		}
	}
	out := make([]string, 0, len(list))
	for _, c := range DelegableServices {
		if slices.Contains(list, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// encodeServices is the stored form: codes joined by commas.
func encodeServices(list []string) string { return strings.Join(list, ",") }

// decodeServices reads the stored form.
func decodeServices(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// Grants tells whether a scope allows the service code. A nil scope is a
// surveyor acting for themself: everything. AnyService needs one service;
// ByDossierKind is decided later, once the kind is known.
func Grants(scope []string, code string) bool {
	switch {
	case scope == nil, code == "", code == ByDossierKind:
		return true
	case code == AnyService:
		return len(scope) > 0
	}
	return slices.Contains(scope, code)
}

// CheckService refuses, with service_not_delegated, a service the
// session's delegation does not grant. Pure: it reads the session the
// request's decision built.
func CheckService(sess *auth.Session, code string) error {
	if sess.Principal == nil {
		return RefusalFor(sess.Standing)
	}
	if !Grants(sess.Services, code) {
		return ErrServiceNotDelegated
	}
	return nil
}

// GrantedDossierKinds are the dossier kinds the session may list
// (cadastre, arpentage), in that order.
func GrantedDossierKinds(sess *auth.Session) []string {
	var kinds []string
	if Grants(sess.Services, CadastreDossiers) {
		kinds = append(kinds, "cadastre")
	}
	if Grants(sess.Services, SurveyDossiers) {
		kinds = append(kinds, "arpentage")
	}
	return kinds
}

// EndInstant is when a delegation whose last day is endsOn has ended:
// 00:00 America/Toronto the next day.
func EndInstant(endsOn string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, endsOn, quebec.Location)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, quebec.Location), nil
}

// InForce tells whether a delegation whose last day is endsOn ("" for none)
// is still in force at now. A date that does not parse is not in force
// (fail closed).
func InForce(endsOn string, now time.Time) bool {
	if endsOn == "" {
		return true
	}
	end, err := EndInstant(endsOn)
	return err == nil && now.Before(end)
}

// MaxEndsOnAhead is how far ahead an end date may be (§11).
const MaxEndsOnAhead = 3 // years

// CheckEndsOn validates a requested end date at now: a real date, today (in
// Québec) or later, at most three years ahead.
func CheckEndsOn(field, endsOn string, now time.Time) (string, error) {
	d, err := time.ParseInLocation(time.DateOnly, endsOn, quebec.Location)
	if err != nil || d.Format(time.DateOnly) != endsOn {
		return "", apperr.Invalid(apperr.Field(field, "Indiquez une date au format AAAA-MM-JJ."))
	}
	today := quebec.Today(now)
	if endsOn < today.Format(time.DateOnly) {
		return "", apperr.Invalid(apperr.Field(field, "La date de fin ne peut pas être passée."))
	}
	if latest := today.AddDate(MaxEndsOnAhead, 0, 0).Format(time.DateOnly); endsOn > latest {
		return "", apperr.Invalid(apperr.Field(field, "La date de fin doit être au plus trois ans après aujourd'hui ("+latest+")."))
	}
	return endsOn, nil
}

// ModificationDetail renders, in French, what a modification of a
// delegation changed (§13's detail of « Modification d'une délégation »),
// e.g. « Services retirés : Commande de produits cadastraux ; fin le
// 2027-03-31 ». before and after are the services; the end dates are ""
// when undated. Empty when nothing changed.
func ModificationDetail(before, after []string, endBefore, endAfter string) string {
	var added, removed []string
	for _, c := range DelegableServices {
		was, is := slices.Contains(before, c), slices.Contains(after, c)
		switch {
		case is && !was:
			added = append(added, ServiceLabel(c))
		case was && !is:
			removed = append(removed, ServiceLabel(c))
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "Services ajoutés : "+strings.Join(added, ", "))
	}
	if len(removed) > 0 {
		parts = append(parts, "Services retirés : "+strings.Join(removed, ", "))
	}
	if endBefore != endAfter {
		if endAfter == "" {
			parts = append(parts, "sans date de fin")
		} else {
			parts = append(parts, "fin le "+endAfter)
		}
	}
	return strings.Join(parts, " ; ")
}

// Widens tells whether going from before to after grants more: a service
// added, or an end date moved later or removed (§12 asks for a recent
// authentication then).
func Widens(before, after []string, endBefore, endAfter string) bool {
	for _, c := range after {
		if !slices.Contains(before, c) {
			return true
		}
	}
	switch {
	case endBefore == "":
		return false // undated already: nothing later than that
	case endAfter == "":
		return true
	}
	return endAfter > endBefore
}
