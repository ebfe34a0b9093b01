package delegation

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
)

// The cast: surveyors Claire and Jean, a technician Édith, a former
// surveyor Alain (status withdrawn), and another technician Pierre.
var (
	claire = auth.Person{ID: uuid.MustParse("00000000-0000-0000-0000-000000005001"), FirstName: "Claire", LastName: "Lavoie", Matricule: "5001"}
	jean   = auth.Person{ID: uuid.MustParse("00000000-0000-0000-0000-000000005003"), FirstName: "Jean", LastName: "Piette", Matricule: "5003"}
	edith  = auth.Person{ID: uuid.MustParse("00000000-0000-0000-0000-00000000e017"), FirstName: "Édith", LastName: "Descartes"}
	pierre = auth.Person{ID: uuid.MustParse("00000000-0000-0000-0000-00000000b1e2"), FirstName: "Pierre", LastName: "Quiroule"}
	alain  = auth.Person{ID: uuid.MustParse("00000000-0000-0000-0000-000000005002"), FirstName: "Alain", LastName: "Proviste"} // matricule withdrawn
)

func grant(from, to auth.Person) *Grant {
	return &Grant{ID: uuid.New(), DelegantID: from.ID, DelegateID: to.ID}
}

func ptr(p auth.Person) *auth.Person { return &p }
func id(p auth.Person) *uuid.UUID    { return &p.ID }

func TestDecide(t *testing.T) {
	cases := []struct {
		rule    string
		actor   auth.Person
		claimed *uuid.UUID
		facts   Facts
		want    *auth.Person // nil: acts for nobody
		status  auth.Standing
	}{
		// §4: a surveyor acts for themself by default...
		{"§4 surveyor, no claim: themself", claire, nil, Facts{}, &claire, auth.Acting},
		// ...even when délégataire of others (§2.4): no silent switch.
		{"§2.4 surveyor and délégataire, no claim: still themself", jean, nil,
			Facts{Delegants: 1, OnlyDelegant: ptr(claire), OnlyGrant: grant(claire, jean)}, &jean, auth.Acting},
		{"§4 surveyor claims themself", claire, id(claire), Facts{Claimed: ptr(claire)}, &claire, auth.Acting},
		{"§2.4 surveyor acts for a surveyor who delegated to them", jean, id(claire),
			Facts{Claimed: ptr(claire), ClaimedGrant: grant(claire, jean)}, &claire, auth.Acting},
		// §2.6 and §2.1: a non-surveyor cannot act in their own name, even
		// with a (corrupt) delegation to themself.
		{"§2.6 non-surveyor claims themself", edith, id(edith),
			Facts{Claimed: ptr(edith), ClaimedGrant: grant(edith, edith)}, nil, auth.DelegationEnded},
		{"§2.1 former surveyor claims themself", alain, id(alain), Facts{Claimed: ptr(alain)}, nil, auth.DelegationEnded},
		// §2.2: any user may be délégataire.
		{"§2.2 technician acts for their délégant", edith, id(claire),
			Facts{Claimed: ptr(claire), ClaimedGrant: grant(claire, edith)}, &claire, auth.Acting},
		// §2.7: délégataire of several, acting for any of them.
		{"§2.7 délégataire of several claims one", edith, id(jean),
			Facts{Claimed: ptr(jean), ClaimedGrant: grant(jean, edith), Delegants: 2}, &jean, auth.Acting},
		// §2.5: once removed, refused from the next request.
		{"§2.5 delegation removed", edith, id(claire), Facts{Claimed: ptr(claire)}, nil, auth.DelegationEnded},
		{"§2.5 claimed user unknown", edith, id(claire), Facts{}, nil, auth.DelegationEnded},
		{"§2.5 facts about another user than the claim", edith, id(claire),
			Facts{Claimed: ptr(jean), ClaimedGrant: grant(jean, edith)}, nil, auth.DelegationEnded},
		// §2.1: only a surveyor is délégant; losing the status ends it.
		{"§2.1 délégant no longer surveyor", edith, id(alain),
			Facts{Claimed: ptr(alain), ClaimedGrant: grant(alain, edith)}, nil, auth.DelegationEnded},
		// §2.3: no re-delegation, no transitivity: only the surveyor's own
		// grant to the actor counts.
		{"§2.3 grant to someone else (Claire → Jean, Édith claims Claire)", edith, id(claire),
			Facts{Claimed: ptr(claire), ClaimedGrant: grant(claire, jean)}, nil, auth.DelegationEnded},
		{"§2.3 grant from someone else (Jean → Édith, Édith claims Claire)", edith, id(claire),
			Facts{Claimed: ptr(claire), ClaimedGrant: grant(jean, edith)}, nil, auth.DelegationEnded},
		// §4 without a claim.
		{"§4 no délégant", edith, nil, Facts{}, nil, auth.NoDelegant},
		{"§4 exactly one délégant: selected by default", pierre, nil,
			Facts{Delegants: 1, OnlyDelegant: ptr(jean), OnlyGrant: grant(jean, pierre)}, &jean, auth.Acting},
		{"§4 several délégants: must select", edith, nil, Facts{Delegants: 2}, nil, auth.MustSelect},
		{"§2.1 the only délégant is a former surveyor", pierre, nil,
			Facts{Delegants: 1, OnlyDelegant: ptr(alain), OnlyGrant: grant(alain, pierre)}, nil, auth.NoDelegant},
		{"§2.3 the only grant is not the actor's", pierre, nil,
			Facts{Delegants: 1, OnlyDelegant: ptr(jean), OnlyGrant: grant(jean, edith)}, nil, auth.NoDelegant},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			got, status := Decide(c.actor, c.claimed, c.facts)
			if status != c.status {
				t.Errorf("standing %v, want %v", status, c.status)
			}
			switch {
			case c.want == nil && got != nil:
				t.Errorf("acts for %s, want nobody", got.FullName())
			case c.want != nil && got == nil:
				t.Errorf("acts for nobody, want %s", c.want.FullName())
			case c.want != nil && *got != *c.want:
				t.Errorf("acts for %s, want %s", got.FullName(), c.want.FullName())
			}
		})
	}
}

// The principal returned is a copy: a caller that changes it cannot change
// the facts or the actor.
func TestDecideReturnsACopy(t *testing.T) {
	actor := claire
	p, _ := Decide(actor, nil, Facts{})
	p.FirstName = "X"
	if actor.FirstName != "Claire" {
		t.Fatal("Decide returned the actor itself")
	}
	f := Facts{Claimed: ptr(claire), ClaimedGrant: grant(claire, edith)}
	p, _ = Decide(edith, id(claire), f)
	p.FirstName = "X"
	if f.Claimed.FirstName != "Claire" {
		t.Fatal("Decide returned the facts' person itself")
	}
}

// A session admits its own user's tokens while it is neither revoked nor
// expired (§2.5 for logouts: from the next request on).
func TestCheckSession(t *testing.T) {
	now := time.Now()
	live := SessionState{Found: true, UserID: edith.ID, ExpiresAt: now.Add(time.Hour)}
	if err := CheckSession(live, edith.ID, now); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		st      SessionState
		subject uuid.UUID
	}{
		"inconnue":             {SessionState{}, edith.ID},
		"révoquée":             {SessionState{Found: true, UserID: edith.ID, Revoked: true, ExpiresAt: now.Add(time.Hour)}, edith.ID},
		"expirée":              {SessionState{Found: true, UserID: edith.ID, ExpiresAt: now}, edith.ID},
		"d'une autre personne": {live, pierre.ID},
	} {
		if CheckSession(c.st, c.subject, now) == nil {
			t.Errorf("séance %s acceptée", name)
		}
	}
}
