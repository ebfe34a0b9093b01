package httpapi

import (
	"errors"
	"io"
	"net/http"
	"testing"
)

// RFC 6266: a plain ASCII fallback, and the exact name encoded per RFC 8187.
func TestContentDispositionNamesTheFileBothWays(t *testing.T) {
	for name, want := range map[string]string{
		"suivi-des-activites-2026-11-27.xlsx": `attachment; filename="suivi-des-activites-2026-11-27.xlsx"; filename*=UTF-8''suivi-des-activites-2026-11-27.xlsx`,
		`suivi « été ».pdf`:                   `attachment; filename="suivi _ _t_ _.pdf"; filename*=UTF-8''suivi%20%C2%AB%20%C3%A9t%C3%A9%20%C2%BB.pdf`,
		`a"b\c.pdf`:                           `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
	} {
		if got := contentDisposition(name); got != want {
			t.Errorf("%s :\n%s\nattendu\n%s", name, got, want)
		}
	}
}

// A failed export cuts the connection instead of ending a short file.
func TestFailedExportAbortsTheResponse(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte("PK"))
		_ = pw.CloseWithError(errors.New("panne"))
	}()
	body := abortOnError{pr}
	defer func() {
		if r := recover(); r != http.ErrAbortHandler {
			t.Fatalf("recover() = %v, http.ErrAbortHandler attendu", r)
		}
	}()
	_, _ = io.Copy(io.Discard, body)
	t.Fatal("la copie aurait dû s'interrompre")
}

func TestFinishedExportEndsNormally(t *testing.T) {
	pr, pw := io.Pipe()
	go func() { _, _ = pw.Write([]byte("%PDF-")); _ = pw.Close() }()
	b, err := io.ReadAll(abortOnError{pr})
	if err != nil || string(b) != "%PDF-" {
		t.Fatalf("%q %v", b, err)
	}
}
