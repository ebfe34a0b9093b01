package main

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/portal"
)

// bare is the baseline server: Echo without middleware, pgx without an ORM,
// no authentication, the surveyor and délégataire known in advance.
//
//   - GET /sql/dossiers: the application's data SQL (portal.DossierPageSQL),
//     encoded the way the application encodes it;
//   - GET /sql2/dossiers: the same after the application's facts statement
//     (who acts for whom), its answer ignored: two round trips, no logic;
//   - GET /bytes/dossiers: the application's response, as bytes;
//   - POST /sql/lot-reservations: the inserts of a reservation (the lot
//     counter, the reservation, its lot, the activity row) in one
//     transaction.
func bare(pool *pgxpool.Pool, c *cast, body []byte, factsSQL, sid string) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	principal := auth.Person{ID: c.surveyor.ID, Username: c.surveyor.Username, FirstName: c.surveyor.FirstName, LastName: c.surveyor.LastName, Matricule: c.surveyor.Matricule}
	actor := auth.Person{ID: c.delegate.ID, Username: c.delegate.Username, FirstName: c.delegate.FirstName, LastName: c.delegate.LastName}
	m := principal.Matricule
	responsible := api.PersonRef{UserId: principal.ID, Username: principal.Username, FirstName: principal.FirstName, LastName: principal.LastName, Matricule: &m}
	doneBy := api.PersonRef{UserId: actor.ID, Username: actor.Username, FirstName: actor.FirstName, LastName: actor.LastName}

	e.GET("/bytes/dossiers", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/json", body)
	})

	dossiers := func(c echo.Context, facts bool) error {
		ctx := c.Request().Context()
		const size = 10
		if facts {
			// The application's first statement, its answer ignored.
			rows, err := pool.Query(ctx, factsSQL, sid, principal.ID.String())
			if err != nil {
				return err
			}
			for rows.Next() {
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		rows, err := pool.Query(ctx, portal.DossierPageSQL, principal.ID.String(), c.QueryParam("kind"), "", size, 0)
		if err != nil {
			return err
		}
		defer rows.Close()
		out := api.ListDossiers200JSONResponse{Page: 1, PageSize: size, Items: make([]api.Dossier, 0, size)}
		for rows.Next() {
			var (
				d             api.Dossier
				kind, status  string
				closing       pgtype.Date
				opened        time.Time
				readAt        pgtype.Timestamptz
				readBy        pgtype.UUID
				unread, total int64
			)
			if err := rows.Scan(&d.Number, &kind, &d.Title, &status, &closing, &opened, &readAt, &readBy, &unread, &total); err != nil {
				return err
			}
			d.Kind, d.Status, d.OpenedAt, d.Read, d.UnreadMessages = api.DossierKind(kind), api.DossierStatus(status), opened, readAt.Valid, int(unread)
			if closing.Valid {
				cd := openapi_types.Date{Time: closing.Time}
				d.ClosingDate = &cd
			}
			d.Responsible = responsible
			out.Items = append(out.Items, d)
			out.TotalItems = int(total)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		out.TotalPages = (out.TotalItems + size - 1) / size
		return c.JSON(http.StatusOK, out)
	}
	e.GET("/sql/dossiers", func(c echo.Context) error { return dossiers(c, false) })
	e.GET("/sql2/dossiers", func(c echo.Context) error { return dossiers(c, true) })

	e.POST("/sql/lot-reservations", func(c echo.Context) error {
		var in api.ReserveLotsJSONRequestBody
		if err := c.Bind(&in); err != nil {
			return err
		}
		ctx := c.Request().Context()
		tx, err := pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback(ctx) }()
		var last int64
		if err := tx.QueryRow(ctx, "UPDATE counters SET value = value + $1 WHERE name = 'lot' RETURNING value", in.LotCount).Scan(&last); err != nil {
			return err
		}
		plans := 0
		if in.ComplementaryPlans != nil {
			plans = *in.ComplementaryPlans
		}
		now := time.Now().UTC()
		r := portal.Reservation{Done: portal.Done{ID: uuid.New(), SurveyorID: principal.ID, ActorID: actor.ID}, DossierNumber: in.DossierNumber,
			FirstLot: last - int64(in.LotCount) + 1, LotCount: in.LotCount, ComplementaryPlans: plans, ReservedAt: now}
		if _, err := tx.Exec(ctx, `INSERT INTO lot_reservations (id, dossier_number, surveyor_id, actor_id, first_lot, lot_count, complementary_plans, reserved_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.ID.String(), r.DossierNumber, r.SurveyorID.String(), r.ActorID.String(),
			r.FirstLot, r.LotCount, r.ComplementaryPlans, r.ReservedAt); err != nil {
			return err
		}
		for _, n := range r.Lots() {
			if _, err := tx.Exec(ctx, `INSERT INTO cadastre_lots (number, status, dossier_number, note, updated_at) VALUES ($1, 'reserve', $2, '', $3)`,
				n, r.DossierNumber, now); err != nil {
				return err
			}
		}
		a := activity.NewRow(now, activity.LotReservation, actor, principal, r.DossierNumber)
		if _, err := tx.Exec(ctx, `INSERT INTO activities (occurred_at, type, dossier_number, actor_id, actor_name, principal_id, principal_name,
			actor_first_name, actor_last_name, actor_matricule, actor_sort, principal_first_name, principal_last_name, principal_matricule, principal_sort)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			a.OccurredAt, string(a.Type), a.DossierNumber, a.ActorID.String(), a.ActorName, a.PrincipalID.String(), a.PrincipalName,
			a.ActorFirstName, a.ActorLastName, a.ActorMatricule, a.ActorSort, a.PrincipalFirstName, a.PrincipalLastName, a.PrincipalMatricule, a.PrincipalSort); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, api.LotReservation{Id: r.ID, DossierNumber: r.DossierNumber, Lots: r.Lots(),
			ComplementaryPlans: r.ComplementaryPlans, ReservedAt: r.ReservedAt, DoneBy: doneBy, DoneFor: responsible})
	})
	return e
}
