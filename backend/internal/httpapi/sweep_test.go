package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// send posts a built request and never accepts a 5xx.
func (e *env) send(t testing.TB, b built, token string) resp {
	t.Helper()
	hr, err := http.NewRequest(b.Method, e.srv.URL+b.Path, bytes.NewReader(b.Body))
	if err != nil {
		t.Fatal(err)
	}
	if b.ContentType != "" {
		hr.Header.Set("Content-Type", b.ContentType)
	}
	if token != "" {
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 {
		t.Fatalf("%s %s → %d : %s", b.Method, b.Path, res.StatusCode, raw)
	}
	return resp{Status: res.StatusCode, Header: res.Header, Body: raw}
}

// badTexts are the values a string of this kind may not hold: U+0000, a C0
// and a C1 control character everywhere; line breaks outside multi-line
// texts; an invisible format character in names.
func badTexts(kind string) map[string]string {
	bad := map[string]string{"U+0000": "\u0000", "U+001B": "\u001b", "U+009B": "\u009b", "U+007F": "\u007f"}
	if kind != "multiline" {
		bad["LF"] = "\n"
		bad["TAB"] = "\t"
	}
	if kind == "name" {
		bad["U+200B"] = "\u200b"
		bad["U+202E"] = "\u202e"
	}
	return bad
}

// The sweep (§17): for every operation of the contract and every string it
// takes (body members at any depth, query and path parameters, the file
// name of an upload), a request valid but for that one string gets a 400
// naming that string, never a 5xx and never a success.
func TestControlCharacterSweep(t *testing.T) {
	e := newEnv(t)
	tk := e.sweepIdentity()
	sent, opsWithStrings := 0, 0
	for _, op := range contractOps(t) {
		targets := op.targets()
		if len(targets) > 0 {
			opsWithStrings++
		}
		for i := range targets {
			tg := targets[i]
			good := ""
			switch tg.In {
			case "file":
				good = "dm.xml"
			default:
				good = op.sampleText(t, tg)
			}
			for label, bad := range badTexts(tg.Kind) {
				value := good[:len(good)/2] + bad + good[len(good)/2:]
				b := op.request(t, &tg, value)
				r := e.send(t, b, tk.Access)
				sent++
				if r.Status != http.StatusBadRequest || code(r) != "validation_failed" {
					t.Errorf("%s %s : %s dans %s → %d, 400 attendu : %s", op.Method, op.Path, label, tg.Pointer, r.Status, r.Body)
					continue
				}
				fields := r.Fields(t)
				if _, ok := fields[tg.Pointer]; !ok {
					t.Errorf("%s %s : %s dans %s, pointeur absent : %s", op.Method, op.Path, label, tg.Pointer, r.Body)
				}
				for p := range fields {
					if p != tg.Pointer && !(tg.In == "file" && p == "") {
						t.Errorf("%s %s : %s dans %s, autre champ refusé %q (la requête doit être valide par ailleurs) : %s", op.Method, op.Path, label, tg.Pointer, p, r.Body)
					}
				}
				if strings.Contains(string(r.Body), "property") {
					t.Errorf("détail non traduit : %s", r.Body)
				}
			}
		}
	}
	if opsWithStrings < 20 || sent < 300 {
		t.Fatalf("balayage trop court : %d opérations, %d requêtes", opsWithStrings, sent)
	}
	t.Logf("%d requêtes sur %d opérations", sent, opsWithStrings)
}

// sampleText is the valid text of a target, as the request builder writes it.
func (c contractOp) sampleText(t testing.TB, tg target) string {
	t.Helper()
	switch tg.In {
	case "path", "query":
		for _, p := range c.Params {
			if p.Name == tg.Name && p.In == tg.In {
				v := firstOf(sample(t, p.Schema.Value))
				s, _ := v.(string)
				return s
			}
		}
	case "body":
		s := c.JSON
		for _, tok := range tg.Tokens {
			for len(s.AllOf) == 1 && s.Type == nil {
				s = s.AllOf[0].Value
			}
			if s.Type.Is("array") {
				s = s.Items.Value
				continue
			}
			s = s.Properties[tok].Value
		}
		v, _ := sample(t, s).(string)
		return v
	}
	return "valeur"
}
