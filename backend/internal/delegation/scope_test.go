package delegation

import (
	"errors"
	"slices"
	"testing"
	"time"

	"espace/backend/internal/apperr"
	"espace/backend/internal/auth"
	"espace/backend/internal/quebec"
)

func scoped(from, to auth.Person, endsOn string, services ...string) *Grant {
	g := grant(from, to)
	g.Services, g.EndsOn = services, endsOn
	return g
}

func quebecAt(y int, m time.Month, d, h, minute int) time.Time {
	return time.Date(y, m, d, h, minute, 0, 0, quebec.Location)
}

// §11: an end date is the last day in force, Québec calendar; from 00:00
// America/Toronto the next day the delegation is refused, job or no job.
func TestDecideEndDate(t *testing.T) {
	g := scoped(claire, edith, "2027-03-31", DelegableServices...)
	cases := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"the morning of the last day", quebecAt(2027, 3, 31, 8, 0), true},
		{"one minute before midnight, Québec", quebecAt(2027, 3, 31, 23, 59), true},
		{"midnight Québec: already 04:00 UTC, refused", quebecAt(2027, 4, 1, 0, 0), false},
		{"the day after", quebecAt(2027, 4, 2, 12, 0), false},
		// 2027-03-31 23:30 in Québec is 2027-04-01 03:30 UTC: the UTC date
		// has turned, the Québec one has not.
		{"UTC already the next day, Québec not", time.Date(2027, 4, 1, 3, 30, 0, 0, time.UTC), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, claim := range []bool{true, false} {
				f := Facts{Claimed: ptr(claire), ClaimedGrant: g, Now: c.now}
				var claimed = id(claire)
				if !claim {
					f = Facts{Delegants: 1, OnlyDelegant: ptr(claire), OnlyGrant: g, Now: c.now}
					claimed = nil
				}
				p, st := Decide(edith, claimed, f)
				if (p != nil) != c.want {
					t.Fatalf("claim=%v: principal %v, standing %v; in force expected %v", claim, p, st, c.want)
				}
				if !c.want && claim && st != auth.DelegationEnded {
					t.Fatalf("standing %v", st)
				}
			}
		})
	}
	// Undated: in force whatever the date (§2.5).
	if p, _ := Decide(edith, id(claire), Facts{Claimed: ptr(claire), ClaimedGrant: scoped(claire, edith, "", LotReservation), Now: quebecAt(2099, 1, 1, 0, 0)}); p == nil {
		t.Fatal("an undated delegation ended")
	}
	// A date that does not parse is not in force (fail closed).
	if p, _ := Decide(edith, id(claire), Facts{Claimed: ptr(claire), ClaimedGrant: scoped(claire, edith, "2027-02-30", LotReservation), Now: quebecAt(2026, 1, 1, 0, 0)}); p != nil {
		t.Fatal("an unreadable end date is in force")
	}
}

// §11: the session carries the grant's services; a service not granted is
// refused with service_not_delegated; a surveyor for themself has them all.
func TestDecideSessionScopes(t *testing.T) {
	now := quebecAt(2027, 1, 10, 9, 0)
	g := scoped(claire, edith, "2027-03-31", LotReservation)
	sess := DecideSession(g.ID, edith, id(claire), Facts{Claimed: ptr(claire), ClaimedGrant: g, Now: now})
	if sess.Principal == nil || !slices.Equal(sess.Services, []string{LotReservation}) || sess.EndsOn != "2027-03-31" {
		t.Fatalf("session %+v", sess)
	}
	noDefault := DecideSession(g.ID, edith, nil, Facts{Delegants: 1, OnlyDelegant: ptr(claire), OnlyGrant: g, Now: now})
	if !slices.Equal(noDefault.Services, []string{LotReservation}) {
		t.Fatalf("default délégant: services %v", noDefault.Services)
	}
	for code, want := range map[string]error{
		LotReservation:   nil,
		AnyService:       nil, // communiqués: any granted service
		ByDossierKind:    nil, // decided once the kind is known
		ProductOrder:     ErrServiceNotDelegated,
		CadastreDossiers: ErrServiceNotDelegated,
		SurveyDossiers:   ErrServiceNotDelegated,
		DMPrevalidation:  ErrServiceNotDelegated,
	} {
		if err := CheckService(sess, code); !errors.Is(err, want) && err != want {
			t.Errorf("%s: %v, want %v", code, err, want)
		}
	}
	if kinds := GrantedDossierKinds(sess); len(kinds) != 0 {
		t.Errorf("dossier kinds %v", kinds)
	}
	self := DecideSession(g.ID, claire, nil, Facts{Now: now})
	if self.Services != nil {
		t.Fatalf("a surveyor for themself is scoped: %v", self.Services)
	}
	for _, code := range DelegableServices {
		if err := CheckService(self, code); err != nil {
			t.Errorf("self, %s: %v", code, err)
		}
	}
	if kinds := GrantedDossierKinds(self); !slices.Equal(kinds, []string{"cadastre", "arpentage"}) {
		t.Errorf("self dossier kinds %v", kinds)
	}
	survey := DecideSession(g.ID, edith, id(claire), Facts{Claimed: ptr(claire), ClaimedGrant: scoped(claire, edith, "", SurveyDossiers), Now: now})
	if kinds := GrantedDossierKinds(survey); !slices.Equal(kinds, []string{"arpentage"}) {
		t.Errorf("survey dossier kinds %v", kinds)
	}
	// Past the end date: no principal, hence no service at all.
	ended := DecideSession(g.ID, edith, id(claire), Facts{Claimed: ptr(claire), ClaimedGrant: g, Now: quebecAt(2027, 4, 1, 0, 0)})
	if err := CheckService(ended, LotReservation); !errors.Is(err, ErrNotActive) {
		t.Fatalf("ended: %v", err)
	}
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.KindInvalid {
		t.Fatalf("400 expected, got %v", err)
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Pointer)
	}
	return out
}

// §11: an empty list, an unknown code or dm_deposit is a 400 naming the field.
func TestCheckServices(t *testing.T) {
	got, err := CheckServices("/services", []string{ProductOrder, LotReservation, ProductOrder})
	if err != nil || !slices.Equal(got, []string{LotReservation, ProductOrder}) {
		t.Fatalf("%v %v", got, err)
	}
	for name, c := range map[string]struct {
		in   []string
		want string
	}{
		"empty":      {[]string{}, "/services"},
		"unknown":    {[]string{LotReservation, "teleportation"}, "/services/1"},
		"dm_deposit": {[]string{DMDeposit}, "/services/0"},
	} {
		_, err := CheckServices("/services", c.in)
		if f := fieldsOf(t, err); !slices.Equal(f, []string{c.want}) {
			t.Errorf("%s: fields %v", name, f)
		}
	}
}

// §11: endsOn is today (Québec) or later, at most three years ahead.
func TestCheckEndsOn(t *testing.T) {
	now := quebecAt(2026, 11, 29, 22, 30) // 2026-11-30 03:30 UTC
	for _, ok := range []string{"2026-11-29", "2026-11-30", "2029-11-29"} {
		if _, err := CheckEndsOn("/endsOn", ok, now); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"2026-11-28", "2029-11-30", "2026-13-01", "29/11/2026", ""} {
		_, err := CheckEndsOn("/endsOn", bad, now)
		if f := fieldsOf(t, err); !slices.Equal(f, []string{"/endsOn"}) {
			t.Errorf("%s: fields %v", bad, f)
		}
	}
}

// §12: granting more asks for a recent authentication; narrowing does not.
func TestWidens(t *testing.T) {
	all := DelegableServices
	lots := []string{LotReservation}
	cases := []struct {
		name                string
		before, after       []string
		endBefore, endAfter string
		want                bool
	}{
		{"same", lots, lots, "", "", false},
		{"service added", lots, all, "", "", true},
		{"service removed", all, lots, "", "", false},
		{"end date set", lots, lots, "", "2027-01-01", false},
		{"end date earlier", lots, lots, "2027-06-01", "2027-01-01", false},
		{"end date later", lots, lots, "2027-01-01", "2027-06-01", true},
		{"end date removed", lots, lots, "2027-01-01", "", true},
		{"narrower but later", all, lots, "2027-01-01", "2027-06-01", true},
	}
	for _, c := range cases {
		if got := Widens(c.before, c.after, c.endBefore, c.endAfter); got != c.want {
			t.Errorf("%s: %v", c.name, got)
		}
	}
}

// §13: the French detail of a modification.
func TestModificationDetail(t *testing.T) {
	got := ModificationDetail(DelegableServices, []string{LotReservation, CadastreDossiers, SurveyDossiers, DMPrevalidation}, "", "2027-03-31")
	want := "Services retirés : Vérification de la correction de lots, Commande de produits cadastraux ; fin le 2027-03-31"
	if got != want {
		t.Errorf("%q", got)
	}
	if got := ModificationDetail([]string{LotReservation}, []string{LotReservation, ProductOrder}, "2027-03-31", ""); got != "Services ajoutés : Commande de produits cadastraux ; sans date de fin" {
		t.Errorf("%q", got)
	}
	if got := ModificationDetail([]string{LotReservation}, []string{LotReservation}, "", ""); got != "" {
		t.Errorf("%q", got)
	}
}
