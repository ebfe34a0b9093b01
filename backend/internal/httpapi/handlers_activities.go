package httpapi

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"espace/api"
	"espace/backend/internal/activity"
	"espace/backend/internal/auth"
	"espace/backend/internal/metrics"
	"espace/backend/internal/paging"
)

// ListActivities is the « Suivi des activités » table: what the logged-in
// person did, or what was done in their name, and nothing else (SPEC §6).
// Visibility follows the actor, not whom they act for.
func (s *Server) ListActivities(ctx context.Context, req api.ListActivitiesRequestObject) (api.ListActivitiesResponseObject, error) {
	page, err := s.activityPage(ctx, activity.UserLog, req.Params)
	if err != nil {
		return nil, err
	}
	return api.ListActivities200JSONResponse(page), nil
}

// activityPage reads one page (or everything, all=true) of a journal's
// table, the administration journal's parameters being the same.
func (s *Server) activityPage(ctx context.Context, j activity.Journal, p api.ListActivitiesParams) (api.ActivityPage, error) {
	q := activityQuery(mustSession(ctx), j, api.ExportActivitiesParams{From: p.From, To: p.To, Dossier: p.Dossier, Type: p.Type,
		Actor: p.Actor, Principal: p.Principal, Sort: p.Sort, Order: p.Order})
	list := func() (paging.Page[activity.View], error) {
		if deref(p.All, false) {
			return s.Activity.ListAll(ctx, q)
		}
		page, size := pageOf(p.Page, p.PageSize)
		return s.Activity.List(ctx, q, page, size)
	}
	page, err := list()
	if err != nil {
		return api.ActivityPage{}, err
	}
	return api.ActivityPage(pageDTO(page, activityDTO)), nil
}

func activityDTO(v activity.View) api.Activity {
	return api.Activity{
		Id: v.ID, OccurredAt: v.OccurredAt, DossierNumber: v.DossierNumber,
		Type: api.ActivityType(v.Type), Label: v.Type.Label(),
		Actor: personRef(v.Actor), Principal: personRef(v.Principal),
		Detail: v.Detail, Channel: api.ActivityChannel(v.Channel),
	}
}

// ExportActivities streams the whole filtered, sorted view as an Excel
// workbook or a PDF. The file is produced by a goroutine into a pipe while
// the response copies it out, batch by batch, so memory does not follow the
// size of the log; the client going away closes the pipe and cancels the
// queries. Exports are limited per user, and PDF layouts in number at once.
func (s *Server) ExportActivities(ctx context.Context, req api.ExportActivitiesRequestObject) (api.ExportActivitiesResponseObject, error) {
	f, err := s.exportFile(ctx, activity.UserLog, req.Params)
	if err != nil {
		return nil, err
	}
	headers := api.ExportActivities200ResponseHeaders{ContentDisposition: &f.disposition}
	if f.pdf {
		return api.ExportActivities200ApplicationpdfResponse{Body: f.body, Headers: headers}, nil
	}
	return api.ExportActivities200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{Body: f.body, Headers: headers}, nil
}

// exportedFile is an export under way: the body the response copies out and
// its Content-Disposition.
type exportedFile struct {
	body        io.Reader
	disposition string
	pdf         bool
}

// exportFile applies the export limits, prepares the export of a journal's
// view and starts writing it into the body the response will copy out. The
// query is checked first: a refused one costs no export of the allowance.
func (s *Server) exportFile(ctx context.Context, j activity.Journal, p api.ExportActivitiesParams) (exportedFile, error) {
	sess := mustSession(ctx)
	q := activityQuery(sess, j, p)
	if err := q.Validate(); err != nil {
		return exportedFile{}, err
	}
	pdf := p.Format == api.ExportFormatPdf
	release, err := s.limitExport(ctx, sess, pdf)
	if err != nil {
		return exportedFile{}, err
	}
	format := activity.XLSX
	if pdf {
		format = activity.PDF
	}
	exp, err := s.Activity.PrepareExport(ctx, q, format, sess.Actor, time.Now())
	if err != nil {
		release()
		return exportedFile{}, err
	}
	pr, pw := io.Pipe()
	go streamExport(ctx, exp, pw, release, s.m)
	return exportedFile{body: abortOnError{pr}, disposition: contentDisposition(exp.FileName()), pdf: pdf}, nil
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
	f, err := s.activityFilters(ctx, activity.UserLog)
	if err != nil {
		return nil, err
	}
	return api.GetActivityFilters200JSONResponse(f), nil
}

// activityFilters are the filter values of a journal as the caller sees it.
func (s *Server) activityFilters(ctx context.Context, j activity.Journal) (api.ActivityFilters, error) {
	ch, err := s.Activity.Filters(ctx, j, mustSession(ctx).Actor.ID)
	if err != nil {
		return api.ActivityFilters{}, err
	}
	out := api.ActivityFilters{Actors: listDTO(ch.Actors, personRef), Principals: listDTO(ch.Principals, personRef)}
	for _, t := range ch.Types {
		out.Types = append(out.Types, struct {
			Code  api.ActivityType `json:"code"`
			Label string           `json:"label"`
		}{Code: api.ActivityType(t), Label: t.Label()})
	}
	return out, nil
}

// activityQuery turns the table's parameters (the same for the list and the
// exports, and for both journals) into a query on a journal as the
// logged-in person sees it.
func activityQuery(sess *auth.Session, j activity.Journal, p api.ExportActivitiesParams) activity.Query {
	q := activity.Query{Journal: j, Viewer: sess.Actor.ID, Actor: p.Actor, Principal: p.Principal, Dossier: deref(p.Dossier, "")}
	if p.From != nil {
		q.From = &p.From.Time
	}
	if p.To != nil {
		q.To = &p.To.Time
	}
	if p.Type != nil {
		q.Types = listDTO(*p.Type, func(t api.ActivityType) activity.Type { return activity.Type(t) })
	}
	q.Sort = activity.SortField(deref((*string)(p.Sort), string(activity.SortDate)))
	q.Asc = deref((*string)(p.Order), "desc") == "asc"
	return q
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
