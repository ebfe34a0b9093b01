package httpapi

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/metrics"
	"espace/backend/internal/store"
)

// ListActivities is the « Suivi des activités » table: what the logged-in
// person did, or what was done in their name, and nothing else (SPEC §6).
// Visibility follows the actor, not whom they act for.
func (s *Server) ListActivities(ctx context.Context, req api.ListActivitiesRequestObject) (api.ListActivitiesResponseObject, error) {
	p := req.Params
	q := activityQuery(mustSession(ctx), p.From, p.To, p.Dossier, p.Type, p.Actor, p.Principal, (*string)(p.Sort), (*string)(p.Order))
	page, err := s.activityPage(ctx, q, p.All, p.Page, p.PageSize)
	if err != nil {
		return nil, err
	}
	return api.ListActivities200JSONResponse(page), nil
}

// ListAdminActivities is the administration journal (§13): the same table
// over admin_activities, every entry, for administrators only.
func (s *Server) ListAdminActivities(ctx context.Context, req api.ListAdminActivitiesRequestObject) (api.ListAdminActivitiesResponseObject, error) {
	p := req.Params
	q := activityQuery(mustSession(ctx), p.From, p.To, p.Dossier, p.Type, p.Actor, p.Principal, (*string)(p.Sort), (*string)(p.Order))
	q.Journal = activity.AdminJournal
	page, err := s.activityPage(ctx, q, p.All, p.Page, p.PageSize)
	if err != nil {
		return nil, err
	}
	return api.ListAdminActivities200JSONResponse(page), nil
}

// activityPage reads one page (or everything, all=true) of q.
func (s *Server) activityPage(ctx context.Context, q activity.Query, all *bool, pageNo, pageSize *int) (api.ActivityPage, error) {
	var page activity.Page
	var err error
	if all != nil && *all {
		page, err = activity.ListAll(ctx, s.DB, q)
	} else {
		page, err = activity.List(ctx, s.DB, q, deref(pageNo, 1), deref(pageSize, activity.DefaultPageSize))
	}
	if err != nil {
		return api.ActivityPage{}, err
	}
	people := make([]activity.Person, 0, 2*len(page.Items))
	for _, v := range page.Items {
		people = append(people, v.Actor, v.Principal)
	}
	names, err := s.usernames(ctx, people)
	if err != nil {
		return api.ActivityPage{}, err
	}
	out := api.ActivityPage{
		Items: make([]api.Activity, len(page.Items)),
		Page:  page.Page, PageSize: page.PageSize, TotalItems: page.TotalItems, TotalPages: page.TotalPages,
	}
	for i, v := range page.Items {
		out.Items[i] = api.Activity{
			Id: v.ID, OccurredAt: v.OccurredAt, DossierNumber: v.DossierNumber,
			Type: api.ActivityType(v.Type), Label: v.Type.Label(),
			Actor: recordedRef(v.Actor, names), Principal: recordedRef(v.Principal, names),
			Detail: v.Detail, Channel: api.ActivityChannel(v.Channel),
		}
	}
	return out, nil
}

// ExportActivities streams the whole filtered, sorted view as an Excel
// workbook or a PDF. The file is produced by a goroutine into a pipe while
// the response copies it out, batch by batch, so memory does not follow the
// size of the log; the client going away closes the pipe and cancels the
// queries. Exports are limited per user, and PDF layouts in number at once.
func (s *Server) ExportActivities(ctx context.Context, req api.ExportActivitiesRequestObject) (api.ExportActivitiesResponseObject, error) {
	p := req.Params
	q := activityQuery(mustSession(ctx), p.From, p.To, p.Dossier, p.Type, p.Actor, p.Principal, (*string)(p.Sort), (*string)(p.Order))
	exp, body, err := s.startExport(ctx, q, p.Format == api.ExportFormatPdf)
	if err != nil {
		return nil, err
	}
	disposition := contentDisposition(exp.FileName())
	headers := api.ExportActivities200ResponseHeaders{ContentDisposition: &disposition}
	if exp.Format == activity.PDF {
		return api.ExportActivities200ApplicationpdfResponse{Body: body, Headers: headers}, nil
	}
	return api.ExportActivities200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: body, Headers: headers}, nil
}

// ExportAdminActivities exports the administration journal's view, on the
// same terms as ExportActivities.
func (s *Server) ExportAdminActivities(ctx context.Context, req api.ExportAdminActivitiesRequestObject) (api.ExportAdminActivitiesResponseObject, error) {
	p := req.Params
	q := activityQuery(mustSession(ctx), p.From, p.To, p.Dossier, p.Type, p.Actor, p.Principal, (*string)(p.Sort), (*string)(p.Order))
	q.Journal = activity.AdminJournal
	exp, body, err := s.startExport(ctx, q, p.Format == api.ExportFormatPdf)
	if err != nil {
		return nil, err
	}
	disposition := contentDisposition(exp.FileName())
	headers := api.ExportAdminActivities200ResponseHeaders{ContentDisposition: &disposition}
	if exp.Format == activity.PDF {
		return api.ExportAdminActivities200ApplicationpdfResponse{Body: body, Headers: headers}, nil
	}
	return api.ExportAdminActivities200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: body, Headers: headers}, nil
}

// startExport applies the export limits, prepares the export of q and
// starts writing it into the body the response will copy out.
func (s *Server) startExport(ctx context.Context, q activity.Query, pdf bool) (*activity.Export, io.Reader, error) {
	sess := mustSession(ctx)
	format := activity.XLSX
	release := func() {}
	if pdf {
		format = activity.PDF
		// A busy instance must not cost the user an export of their allowance.
		var ok bool
		if release, ok = s.lim.pdf.TryAcquire(); !ok {
			s.m.RateLimited(pdfRule)
			return nil, nil, pdfBusy()
		}
	}
	if err := s.limit(ctx, s.lim.export, "user:"+sess.Actor.ID.String()); err != nil {
		release()
		return nil, nil, err
	}
	by := activity.Person{ID: sess.Actor.ID, FirstName: sess.Actor.FirstName, LastName: sess.Actor.LastName}
	exp, err := activity.PrepareExport(ctx, s.DB, q, format, by, time.Now())
	if err != nil {
		release()
		return nil, nil, err
	}
	pr, pw := io.Pipe()
	go streamExport(ctx, exp, pw, release, s.m)
	return exp, abortOnError{pr}, nil
}

// abortOnError is the response body of an export. When the file cannot be
// finished, the status 200 is already sent: the only honest signal left is
// to cut the connection (net/http's ErrAbortHandler, which Echo's Recover
// lets through), so the client sees a failed download, not a short file.
type abortOnError struct{ r *io.PipeReader }

func (a abortOnError) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err != nil && err != io.EOF {
		panic(http.ErrAbortHandler)
	}
	return n, err
}

// Close stops the producer when the response ends early (client gone).
func (a abortOnError) Close() error { return a.r.Close() }

// streamExport writes the file into the pipe the response reads. A nil error
// ends the body normally; any other cuts the response short, so a client
// never takes a truncated file for a whole one. done is called once the file
// is written or abandoned, before the body ends.
func streamExport(ctx context.Context, exp *activity.Export, pw *io.PipeWriter, done func(), m *metrics.Metrics) {
	start := time.Now()
	err := func() (err error) {
		// The Recover middleware does not cover this goroutine.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panique : %v", p)
			}
		}()
		return exp.WriteTo(ctx, pw)
	}()
	done()
	m.Export(string(exp.Format), err == nil, time.Since(start), exp.Rows)
	if err != nil && ctx.Err() == nil {
		slog.ErrorContext(ctx, "exportation du suivi des activités interrompue", "format", exp.Format, "erreur", err)
	}
	_ = pw.CloseWithError(err)
}

// GetActivityFilters offers the filter values of the table: every activity
// type, and the people found in the caller's own log.
func (s *Server) GetActivityFilters(ctx context.Context, _ api.GetActivityFiltersRequestObject) (api.GetActivityFiltersResponseObject, error) {
	ch, err := activity.FilterChoices(ctx, s.DB, mustSession(ctx).Actor.ID)
	if err != nil {
		return nil, err
	}
	names, err := s.usernames(ctx, append(append([]activity.Person{}, ch.Actors...), ch.Principals...))
	if err != nil {
		return nil, err
	}
	out := api.GetActivityFilters200JSONResponse{
		Actors:     make([]api.PersonRef, len(ch.Actors)),
		Principals: make([]api.PersonRef, len(ch.Principals)),
	}
	for i, p := range ch.Actors {
		out.Actors[i] = recordedRef(p, names)
	}
	for i, p := range ch.Principals {
		out.Principals[i] = recordedRef(p, names)
	}
	for _, t := range activity.Types {
		out.Types = append(out.Types, struct {
			Code  api.ActivityType `json:"code"`
			Label string           `json:"label"`
		}{Code: api.ActivityType(t), Label: t.Label()})
	}
	return out, nil
}

// activityQuery turns the table's parameters (the same for the list and the
// exports) into a query on the log of the logged-in person.
func activityQuery(sess *auth.Session, from, to *openapi_types.Date, dossier *string, types *[]api.ActivityType,
	actor, principal *openapi_types.UUID, sort, order *string) activity.Query {
	q := activity.Query{Viewer: sess.Actor.ID, Actor: actor, Principal: principal, Dossier: deref(dossier, "")}
	if from != nil {
		q.From = &from.Time
	}
	if to != nil {
		q.To = &to.Time
	}
	if types != nil {
		for _, t := range *types {
			q.Types = append(q.Types, activity.Type(t))
		}
	}
	q.Sort = activity.SortField(deref(sort, string(activity.SortDate)))
	q.Asc = deref(order, "desc") == "asc"
	return q
}

// recordedRef is a person as the log recorded them, with their username
// (names: see usernames).
func recordedRef(p activity.Person, names map[openapi_types.UUID]string) api.PersonRef {
	return api.PersonRef{UserId: p.ID, Username: names[p.ID], FirstName: p.FirstName, LastName: p.LastName, Matricule: p.Matricule}
}

// usernames looks up the usernames of the people of the log, which records
// their names only, in one query per 500 distinct people (a page holds few).
func (s *Server) usernames(ctx context.Context, people []activity.Person) (map[openapi_types.UUID]string, error) {
	names := make(map[openapi_types.UUID]string)
	var ids []openapi_types.UUID
	for _, p := range people {
		if _, ok := names[p.ID]; !ok {
			names[p.ID] = ""
			ids = append(ids, p.ID)
		}
	}
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 500)]
		ids = ids[len(batch):]
		var rows []struct {
			ID       openapi_types.UUID
			Username string
		}
		if err := s.DB.Conn(ctx).Model(&store.User{}).Select("id, username").Where("id IN ?", batch).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			names[r.ID] = r.Username
		}
	}
	return names, nil
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// contentDisposition names a download per RFC 6266: a plain ASCII filename
// for old clients and the exact UTF-8 name in filename* (RFC 8187).
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	var enc strings.Builder
	for _, b := range []byte(name) {
		if isAttrChar(b) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + enc.String()
}

// isAttrChar is RFC 8187's attr-char: what filename* may carry unencoded.
func isAttrChar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
