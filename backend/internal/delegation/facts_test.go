package delegation

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"espace/backend/internal/auth"
	"espace/backend/internal/store"
	"espace/backend/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m, "delegation") }

// session writes a session of p ending in expires (revoked when asked),
// straight in the database as the facts tests do.
func (e *svcEnv) session(p auth.Person, expires time.Duration, revoked bool) uuid.UUID {
	e.T.Helper()
	now := time.Now().UTC()
	s := store.Session{ID: uuid.New(), UserID: p.ID, CreatedAt: now, LastUsedAt: now, ExpiresAt: now.Add(expires)}
	if revoked {
		s.RevokedAt = &now
	}
	e.Must(e.DB.Create(&s).Error)
	return s.ID
}

// delegate writes a delegation of every service from one person to another.
func (e *svcEnv) delegate(from, to auth.Person) uuid.UUID {
	e.T.Helper()
	d := Delegation{ID: uuid.New(), DelegantID: from.ID, DelegateID: to.ID, CreatedAt: time.Now().UTC(), CreatedBy: from.ID}
	e.Must(e.DB.Create(&d).Error)
	return d.ID
}

// end ends a delegation as removed.
func (e *svcEnv) end(id uuid.UUID) {
	e.T.Helper()
	e.Must(e.DB.Model(&Delegation{}).Where("id = ?", id).Updates(map[string]any{"ended_at": time.Now().UTC(), "end_reason": EndRemoved}).Error)
}

// The one statement reads, on both databases, what Decide needs.
func TestLoaderReadsTheFacts(t *testing.T) {
	ctx := context.Background()
	e := newSvcEnv(t)
	l := NewSQLLoader(e.DB)
	jean, claire, alain := e.surveyor("Jean"), e.surveyor("Claire"), e.surveyor("Alain")
	edith, pierre, nobody := e.user("Edith"), e.user("Pierre"), e.user("Personne")
	gJE := e.delegate(jean, edith)
	e.delegate(claire, edith)
	gAE := e.delegate(alain, edith)
	e.end(gAE)
	e.delegate(jean, pierre)
	e.delegate(alain, pierre)
	if err := e.DB.Where("user_id = ?", alain.ID).Delete(&store.Surveyor{}).Error; err != nil { // Alain is no longer a surveyor
		t.Fatal(err)
	}

	load := func(sid uuid.UUID, claimed *uuid.UUID) Loaded {
		t.Helper()
		got, err := l.ForSession(ctx, sid, claimed)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	// The session's state.
	sid := e.session(edith, time.Hour, false)
	got := load(sid, nil)
	if !got.Session.Found || got.Session.UserID != edith.ID || got.Session.Revoked || time.Until(got.Session.ExpiresAt) < 50*time.Minute {
		t.Fatalf("séance : %+v", got.Session)
	}
	if got.Actor != edith {
		t.Fatalf("acteur : %+v", got.Actor)
	}
	if g := load(uuid.New(), nil); g.Session.Found {
		t.Fatal("séance inconnue trouvée")
	}
	if g := load(e.session(edith, time.Hour, true), nil); !g.Session.Revoked {
		t.Fatal("séance révoquée non signalée")
	}
	if g := load(e.session(edith, -time.Minute, false), nil); !g.Session.ExpiresAt.Before(time.Now()) {
		t.Fatal("séance expirée non signalée")
	}

	// Without a claim: two surveyors delegate to Édith (Alain's ended and he
	// is no longer a surveyor): she must choose.
	if got.Facts.Delegants != 2 {
		t.Fatalf("Édith : %d délégants", got.Facts.Delegants)
	}
	if _, st := Decide(got.Actor, nil, got.Facts); st != auth.MustSelect {
		t.Fatalf("Édith : %v", st)
	}
	// Pierre: Jean, and Alain who is no longer a surveyor: only Jean counts.
	g := load(e.session(pierre, time.Hour, false), nil)
	if g.Facts.Delegants != 1 || g.Facts.OnlyDelegant == nil || *g.Facts.OnlyDelegant != jean || g.Facts.OnlyGrant == nil ||
		g.Facts.OnlyGrant.DelegantID != jean.ID || g.Facts.OnlyGrant.DelegateID != pierre.ID {
		t.Fatalf("Pierre : %+v", g.Facts)
	}
	if p, st := Decide(g.Actor, nil, g.Facts); st != auth.Acting || p.ID != jean.ID {
		t.Fatalf("Pierre : %v %v", p, st)
	}
	if g := load(e.session(nobody, time.Hour, false), nil); g.Facts.Delegants != 0 || g.Facts.OnlyDelegant != nil {
		t.Fatalf("sans délégant : %+v", g.Facts)
	}
	// A surveyor acts for themself: nothing else is read.
	if g := load(e.session(jean, time.Hour, false), nil); g.Actor != jean || g.Facts.Delegants != 0 || g.Facts.OnlyDelegant != nil {
		t.Fatalf("Jean : %+v", g)
	}

	// With a claim.
	g = load(sid, &jean.ID)
	if g.Facts.Claimed == nil || *g.Facts.Claimed != jean || g.Facts.ClaimedGrant == nil || g.Facts.ClaimedGrant.ID != gJE {
		t.Fatalf("Jean pour Édith : %+v", g.Facts)
	}
	if g := load(sid, &alain.ID); g.Facts.Claimed == nil || g.Facts.Claimed.Matricule != "" || g.Facts.ClaimedGrant != nil {
		t.Fatalf("Alain pour Édith : %+v", g.Facts)
	}
	if g := load(sid, &pierre.ID); g.Facts.Claimed == nil || g.Facts.ClaimedGrant != nil {
		t.Fatalf("Pierre pour Édith : %+v", g.Facts)
	}
	unknown := uuid.New()
	if g := load(sid, &unknown); g.Facts.Claimed != nil || g.Facts.ClaimedGrant != nil {
		t.Fatalf("inconnu : %+v", g.Facts)
	}
	e.end(gJE)
	if g := load(sid, &jean.ID); g.Facts.ClaimedGrant != nil {
		t.Fatal("délégation terminée encore lue")
	}

	// By user, for login and the choice of a délégant.
	u, err := l.ForUser(ctx, pierre.ID, &jean.ID)
	if err != nil || u.Session.Found || u.Actor != pierre || u.Facts.ClaimedGrant == nil {
		t.Fatalf("par personne : %v %+v", err, u)
	}
	if _, err := l.ForUser(ctx, uuid.New(), nil); err == nil {
		t.Fatal("personne inconnue")
	}
}
