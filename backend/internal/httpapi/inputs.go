package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"espace/api"
	"espace/backend/internal/apperr"
)

// Input rules that JSON Schema cannot say (SPEC §17): no string reaching
// storage holds a control character, names hold no invisible format
// character, the query string is well formed and only has the operation's
// parameters, and integers are written as integers. The contract tells which
// texts span several lines and which are names, with the x-text extension
// on the string's schema.

const (
	textLine      = ""          // default: one line, no control character
	textMultiline = "multiline" // tab, line feed and carriage return allowed
	textName      = "name"      // one line, and no format character (Unicode Cf)
)

// MaxFileNameLength bounds the name of an uploaded file, in characters.
const MaxFileNameLength = 255

// textProblem says in French why s may not be stored as a text of the given
// kind, or returns "" when it may.
func textProblem(s, kind string) string {
	if !utf8.ValidString(s) {
		return "Ce texte n'est pas encodé en UTF-8 valide."
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			if kind != textMultiline {
				return "Les tabulations et les sauts de ligne ne sont pas permis dans ce champ."
			}
		case unicode.Is(unicode.Cc, r):
			return fmt.Sprintf("Caractère de contrôle non permis (U+%04X).", r)
		case kind == textName && unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("Caractère invisible de mise en forme non permis dans un nom (U+%04X).", r)
		}
	}
	return ""
}

// textKind reads the x-text extension of a string schema (or of the schemas
// it is built from).
func textKind(s *openapi3.Schema) string {
	if s == nil {
		return textLine
	}
	if k, ok := s.Extensions["x-text"].(string); ok {
		return k
	}
	for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range refs {
			if k := textKind(r.Value); k != textLine {
				return k
			}
		}
	}
	return textLine
}

// oneOfRule is the x-one-of extension: exactly one of these fields (or query
// parameters) must be given.
type oneOfRule struct {
	Fields []string
	Detail string
}

func oneOfOf(ext map[string]any) *oneOfRule {
	m, ok := ext["x-one-of"].(map[string]any)
	if !ok {
		return nil
	}
	rule := &oneOfRule{}
	rule.Detail, _ = m["detail"].(string)
	list, _ := m["fields"].([]any)
	for _, f := range list {
		if s, ok := f.(string); ok {
			rule.Fields = append(rule.Fields, s)
		}
	}
	if len(rule.Fields) == 0 {
		return nil
	}
	if rule.Detail == "" {
		rule.Detail = "Indiquez un seul de ces champs : " + strings.Join(rule.Fields, ", ") + "."
	}
	return rule
}

func pointerTo(base string, tokens ...string) string {
	for _, t := range tokens {
		base += "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(t)
	}
	return base
}

// checkQuery refuses what net/url would silently drop (a ";" separator, a
// bad escape), parameters the operation does not declare, control
// characters, and an x-one-of rule broken.
func checkQuery(op *operation, raw string) []apperr.FieldError {
	var fields []apperr.FieldError
	declared := op.query
	seen := map[string]bool{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		name, errKey := url.QueryUnescape(rawKey)
		if errKey != nil {
			name = rawKey
		}
		if seen[name] && declared[name] == nil {
			continue // one message per unknown name
		}
		if strings.Contains(pair, ";") {
			fields = append(fields, apperr.Field(pointerTo("", name),
				"Le point-virgule n'est pas un séparateur de paramètres : séparez-les par « & » et écrivez « ; » %3B."))
			seen[name] = true
			continue
		}
		value, errValue := url.QueryUnescape(rawValue)
		if errKey != nil || errValue != nil {
			fields = append(fields, apperr.Field(pointerTo("", name), "Encodage invalide dans la chaîne de requête (séquence « % » incorrecte)."))
			seen[name] = true
			continue
		}
		p := declared[name]
		if p == nil {
			if !seen[name] {
				fields = append(fields, apperr.Field(pointerTo("", name), "Paramètre inconnu de cette opération."))
			}
			seen[name] = true
			continue
		}
		seen[name] = true
		var schema *openapi3.Schema
		if p.Schema != nil {
			schema = p.Schema.Value
			if schema != nil && schema.Items != nil && schema.Items.Value != nil {
				schema = schema.Items.Value
			}
		}
		if d := textProblem(name, textLine); d != "" {
			fields = append(fields, apperr.Field(pointerTo("", name), d))
		} else if d := textProblem(value, textKind(schema)); d != "" {
			fields = append(fields, apperr.Field(pointerTo("", name), d))
		}
	}
	if rule := op.oneOf; rule != nil {
		n := 0
		for _, f := range rule.Fields {
			if seen[f] {
				n++
			}
		}
		if n != 1 {
			fields = append(fields, apperr.Field(pointerTo("", rule.Fields[0]), rule.Detail))
		}
	}
	return fields
}

// checkPathParams refuses control characters in path parameters, as Echo
// gives them and as the handlers will unescape them.
func checkPathParams(op *operation, names, values []string) []apperr.FieldError {
	var fields []apperr.FieldError
	kinds := op.pathKinds
	for i, name := range names {
		if i >= len(values) {
			break
		}
		v := values[i]
		d := textProblem(v, kinds[name])
		if d == "" {
			if u, err := url.PathUnescape(v); err == nil {
				d = textProblem(u, kinds[name])
			}
		}
		if d != "" {
			fields = append(fields, apperr.Field(pointerTo("", name), d))
		}
	}
	return fields
}

// checkJSONBody walks a JSON body along its schema: texts must suit their
// kind, object keys carry no control character, and an integer is written
// as an integer (kin-openapi takes 1.0 for 1; the decoder then refuses it).
func checkJSONBody(data []byte, schema *openapi3.Schema) []apperr.FieldError {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil // malformed JSON is reported by the contract validation
	}
	var fields []apperr.FieldError
	walkJSON(v, schema, "", &fields)
	return fields
}

func walkJSON(v any, s *openapi3.Schema, pointer string, fields *[]apperr.FieldError) {
	switch v := v.(type) {
	case string:
		if d := textProblem(v, textKind(s)); d != "" {
			*fields = append(*fields, apperr.Field(pointer, d))
		}
	case json.Number:
		if s != nil && schemaHasType(s, openapi3.TypeInteger) && !schemaHasType(s, openapi3.TypeNumber) {
			if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
				if strings.ContainsAny(string(v), ".eE") {
					*fields = append(*fields, apperr.Field(pointer, "Type invalide : entier attendu (sans décimale ni exposant)."))
				} else {
					*fields = append(*fields, apperr.Field(pointer, "Nombre hors des limites permises."))
				}
			}
		}
	case []any:
		var items *openapi3.Schema
		if s != nil && s.Items != nil {
			items = s.Items.Value
		}
		for i, e := range v {
			walkJSON(e, items, pointerTo(pointer, strconv.Itoa(i)), fields)
		}
	case map[string]any:
		for k, e := range v {
			if d := textProblem(k, textLine); d != "" {
				*fields = append(*fields, apperr.Field(pointerTo(pointer, k), "Nom de champ invalide : "+lowerFirstRune(d)))
				continue
			}
			walkJSON(e, propertySchema(s, k), pointerTo(pointer, k), fields)
		}
	}
}

func lowerFirstRune(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func schemaHasType(s *openapi3.Schema, t string) bool {
	if s.Type != nil && s.Type.Includes(t) {
		return true
	}
	for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range refs {
			if r.Value != nil && schemaHasType(r.Value, t) {
				return true
			}
		}
	}
	return false
}

// propertySchema finds the schema of an object's member, through allOf,
// oneOf and anyOf; nil when unknown (the strictest text rule then applies).
func propertySchema(s *openapi3.Schema, name string) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if p, ok := s.Properties[name]; ok && p != nil {
		return p.Value
	}
	for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range refs {
			if p := propertySchema(r.Value, name); p != nil {
				return p
			}
		}
	}
	if s.AdditionalProperties.Schema != nil {
		return s.AdditionalProperties.Schema.Value
	}
	return nil
}

// checkMultipart checks the parts of a multipart/form-data body: field names,
// file names (at most MaxFileNameLength characters) and the values of
// non-file fields. Malformed bodies are left to the contract validation.
func checkMultipart(data []byte, contentType string, schema *openapi3.Schema) []apperr.FieldError {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil
	}
	var fields []apperr.FieldError
	mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return fields
		}
		if err != nil {
			// Go refuses a part header holding a control character (in a
			// file name, say) before anyone can read it.
			return append(fields, apperr.Field(fileMember(schema),
				"En-tête de partie invalide (caractère de contrôle ou ligne mal formée, p. ex. dans le nom du fichier)."))
		}
		name := part.FormName()
		pointer := pointerTo("", name)
		if d := textProblem(name, textLine); d != "" {
			fields = append(fields, apperr.Field(pointer, "Nom de champ invalide : "+lowerFirstRune(d)))
			continue
		}
		if _, known := schema.Properties[name]; !known && schema.AdditionalProperties.Has != nil && !*schema.AdditionalProperties.Has {
			fields = append(fields, apperr.Field(pointer, "Ce champ n'est pas permis."))
			continue
		}
		_, dispParams, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if raw, isFile := dispParams["filename"]; isFile {
			for _, fn := range []string{raw, part.FileName()} {
				if d := textProblem(fn, textLine); d != "" {
					fields = append(fields, apperr.Field(pointer, "Nom de fichier invalide : "+lowerFirstRune(d)))
					break
				}
				if utf8.RuneCountInString(fn) > MaxFileNameLength {
					fields = append(fields, apperr.Field(pointer, fmt.Sprintf("Le nom du fichier doit compter au plus %d caractères.", MaxFileNameLength)))
					break
				}
			}
			continue
		}
		value, err := io.ReadAll(io.LimitReader(part, 1<<20))
		if err != nil {
			return fields
		}
		if d := textProblem(string(value), textKind(propertySchema(schema, name))); d != "" {
			fields = append(fields, apperr.Field(pointer, d))
		}
	}
}

// fileMember points to the one file member of an upload schema, or to the
// whole body when there is not exactly one.
func fileMember(s *openapi3.Schema) string {
	found := ""
	for name, p := range s.Properties {
		if p.Value != nil && p.Value.Format == "binary" {
			if found != "" {
				return ""
			}
			found = pointerTo("", name)
		}
	}
	return found
}

// checkInputs applies the rules above to a request whose operation is known.
// The body is read into memory (the body limit applies first) and put back.
func checkInputs(c echo.Context, op *operation) ([]apperr.FieldError, error) {
	req := c.Request()
	fields := checkQuery(op, req.URL.RawQuery)
	fields = append(fields, checkPathParams(op, c.ParamNames(), c.ParamValues())...)

	if req.Body == nil || req.Body == http.NoBody {
		return fields, nil
	}
	// Read even when the operation declares no body, where it is then
	// ignored: a body that cannot be read is refused either way.
	data, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		// The body limit answers 413 through this error.
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return nil, he
		}
		return nil, apperr.Invalid(apperr.Field("", "Le corps de la requête n'a pas pu être lu."))
	}
	req.Body = io.NopCloser(bytes.NewReader(data))
	req.ContentLength = int64(len(data))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }

	rb := op.Route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return fields, nil
	}
	ct := req.Header.Get(echo.HeaderContentType)
	media, _, _ := mime.ParseMediaType(ct)
	mt := rb.Value.Content.Get(ct)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return fields, nil
	}
	switch {
	case media == "application/json" || strings.HasSuffix(media, "+json"):
		fields = append(fields, checkJSONBody(data, mt.Schema.Value)...)
	case media == "multipart/form-data":
		fields = append(fields, checkMultipart(data, ct, mt.Schema.Value)...)
	}
	return fields, nil
}

// under tells whether pointer lies within one of the named pointers (the
// item /type/0 of a query parameter /type, say).
func under(pointer string, named map[string]bool) bool {
	for p := range named {
		if p != "" && strings.HasPrefix(pointer, p+"/") {
			return true
		}
	}
	return false
}

// mergeFields puts first the fields of the input rules, then those of the
// contract validation about anything the input rules did not already name.
func mergeFields(first, then []apperr.FieldError) []apperr.FieldError {
	named := map[string]bool{}
	for _, f := range first {
		named[f.Pointer] = true
	}
	out := append([]apperr.FieldError{}, first...)
	for _, f := range then {
		if !named[f.Pointer] && !under(f.Pointer, named) {
			out = append(out, f)
		}
	}
	return out
}

var boundParameter = regexp.MustCompile(`(?:parameter|value for) ([^\s:,]+)`)

// bindingFields turns what the generated binders refuse (Echo's JSON
// decoding, parameter binding) into French field errors: their own messages
// are English and speak of Go types. The contract validation normally refuses
// such input first; this is the net under it.
func bindingFields(he *echo.HTTPError) []api.FieldError {
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(he.Internal, &ute):
		pointer := ""
		if ute.Field != "" {
			pointer = pointerTo("", strings.Split(ute.Field, ".")...)
		}
		return []api.FieldError{{Pointer: pointer, Detail: "Type invalide : " + goTypeName(ute.Type) + " attendu."}}
	case errors.As(he.Internal, &se):
		return []api.FieldError{{Pointer: "", Detail: "Le contenu n'est pas un JSON valide."}}
	}
	if msg, ok := he.Message.(string); ok {
		if m := boundParameter.FindStringSubmatch(msg); m != nil {
			return []api.FieldError{{Pointer: pointerTo("", m[1]), Detail: "Valeur de paramètre invalide."}}
		}
	}
	return []api.FieldError{{Pointer: "", Detail: "La requête ne respecte pas le contrat de l'API."}}
}

func goTypeName(t reflect.Type) string {
	if t == nil {
		return "une autre valeur"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "entier"
	case reflect.Float32, reflect.Float64:
		return "nombre"
	case reflect.String:
		return "texte"
	case reflect.Bool:
		return "booléen"
	case reflect.Slice, reflect.Array:
		return "tableau"
	case reflect.Struct, reflect.Map:
		return "objet"
	case reflect.Pointer:
		return goTypeName(t.Elem())
	}
	return "une autre valeur"
}

// maxUserAgent is the length, in bytes, a session keeps of the User-Agent.
const maxUserAgent = 400

// cleanHeaders makes the request headers that reach storage storable: Go's
// server lets through bytes that are not UTF-8 and C1 control characters
// (PostgreSQL refuses the first: a 500 at login). The User-Agent, kept with
// the session, becomes valid UTF-8 without control characters, cut on a
// character boundary.
func cleanHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		if ua := h.Get("User-Agent"); ua != "" {
			h.Set("User-Agent", storableText(ua, maxUserAgent))
		}
		return next(c)
	}
}

// storableText replaces what is not UTF-8 and control characters with
// U+FFFD, and cuts the result to at most maxBytes bytes between characters.
func storableText(s string, maxBytes int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	if len(s) <= maxBytes {
		return s
	}
	cut := maxBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
