package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"espace/backend/internal/accounts"
	"espace/backend/internal/apperr"
	"espace/backend/internal/metrics"
)

// defineFormats teaches the validator the contract's string formats, once
// per process (kin-openapi keeps them globally), before the first server.
var defineFormats = sync.OnceFunc(func() {
	// "format: email" is checked with the same rule as the domain, so a bad
	// address gets a field error.
	openapi3.DefineStringFormatValidator("email", openapi3.NewCallbackValidator(func(v string) error {
		if !accounts.ValidEmail(v) {
			return errors.New("adresse courriel invalide")
		}
		return nil
	}))
	// google/uuid parses exactly what the handlers will decode.
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewCallbackValidator(func(v string) error {
		if len(v) != 36 {
			return errors.New("identifiant invalide")
		}
		_, err := uuid.Parse(v)
		return err
	}))
})

// operation is one operation of the contract, found from Echo's route.
type operation struct {
	ID string
	// Route is the operation without its security requirements: requests
	// are validated against it, authentication being authenticate's job.
	Route  *routers.Route
	Public bool // no security requirement
	series *metrics.Operation
	// What the input rules read of the contract, read once rather than on
	// every request.
	query     map[string]*openapi3.Parameter // the query parameters, by name
	pathKinds map[string]string              // the x-text kind of each path parameter
	oneOf     *oneOfRule                     // the operation's x-one-of, or nil
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// indexOperations maps "METHOD /echo/path/:param" to the operation of the
// spec. Echo has already routed the request, so the validator looks the
// operation up instead of routing a second time. A security scheme the
// contract names without declaring it is an error: kin-openapi would refuse
// every request of the operation.
func indexOperations(spec *openapi3.T) (map[string]*operation, error) {
	ops := map[string]*operation{}
	for path, item := range spec.Paths.Map() {
		echoPath := pathParam.ReplaceAllString(path, ":$1")
		for method, op := range item.Operations() {
			if err := schemesDeclared(spec, op); err != nil {
				return nil, fmt.Errorf("%s %s : %w", method, path, err)
			}
			unsecured := *op
			unsecured.Security = &openapi3.SecurityRequirements{}
			o := &operation{
				ID:        lowerFirst(op.OperationID),
				Public:    op.Security != nil && len(*op.Security) == 0,
				Route:     &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: &unsecured},
				query:     map[string]*openapi3.Parameter{},
				pathKinds: map[string]string{},
				oneOf:     oneOfOf(op.Extensions),
			}
			// The operation's parameters override the path's of the same name.
			for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, p := range params {
					switch {
					case p.Value == nil:
					case p.Value.In == openapi3.ParameterInQuery:
						o.query[p.Value.Name] = p.Value
					case p.Value.In == openapi3.ParameterInPath && p.Value.Schema != nil:
						o.pathKinds[p.Value.Name] = textKind(p.Value.Schema.Value)
					}
				}
			}
			ops[method+" "+echoPath] = o
		}
	}
	return ops, nil
}

// schemesDeclared checks that every security scheme the operation's
// requirements name (or the contract's, when it has none) is declared.
func schemesDeclared(spec *openapi3.T, op *openapi3.Operation) error {
	security := op.Security
	if security == nil {
		security = &spec.Security
	}
	var declared openapi3.SecuritySchemes
	if spec.Components != nil {
		declared = spec.Components.SecuritySchemes
	}
	for _, requirement := range *security {
		for name := range requirement {
			if ref := declared[name]; ref == nil || ref.Value == nil {
				return fmt.Errorf("schéma de sécurité %q non déclaré", name)
			}
		}
	}
	return nil
}

// operationKey is where the request's operation is kept in its context.
const operationKey = "espace.operation"

// lookup finds the request's operation (nil off the contract) the first
// time a middleware asks, and keeps it in the context for the others and
// the error handler. The key is built on the stack: a concatenation longer
// than 32 bytes would be allocated.
func (s *Server) lookup(c echo.Context) *operation {
	if op, ok := c.Get(operationKey).(*operation); ok {
		return op
	}
	var buf [128]byte
	key := append(append(append(buf[:0], c.Request().Method...), ' '), c.Path()...)
	op := s.ops[string(key)]
	c.Set(operationKey, op)
	return op
}

// validationOptions are the same for every request; kin-openapi only reads
// them.
var validationOptions = &openapi3filter.Options{
	MultiError: true,
	// Authentication is the authn middleware's job.
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
	// A default fills a missing member, but kin-openapi also puts it in
	// place of an explicit null, which must be refused instead. Handlers
	// apply the defaults themselves.
	SkipSettingDefaults: true,
}

// validateRequest checks parameters and body against the contract before any
// handler runs; failures become 400 problems with one entry per field.
func (s *Server) validateRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		op := s.lookup(c)
		if op == nil {
			return next(c)
		}
		// The input rules of §17 first: they read the body once and put it back.
		fields, err := checkInputs(c, op)
		if err != nil {
			return err
		}
		// kin-openapi reads a nil map as an empty one.
		var params map[string]string
		if names := c.ParamNames(); len(names) > 0 {
			params = make(map[string]string, len(names))
			for i, name := range names {
				params[name] = c.ParamValues()[i]
			}
		}
		if p := contractProblem(c.Request(), op.Route, params); p != nil {
			var ae *apperr.Error
			if !errors.As(p, &ae) {
				return p // 415
			}
			if len(fields) > 0 {
				ae.Fields = mergeFields(fields, ae.Fields)
			}
			return ae
		}
		if len(fields) > 0 {
			return apperr.Invalid(fields...)
		}
		return next(c)
	}
}

// contractProblem checks the request against the operation's route of the
// contract: nil, or the problem to answer.
func contractProblem(req *http.Request, route *routers.Route, params map[string]string) error {
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: validationOptions}
	if err := openapi3filter.ValidateRequest(req.Context(), input); err != nil {
		return validationProblem(err)
	}
	return nil
}

// validationProblem turns kin-openapi's errors into field errors in French.
func validationProblem(err error) error {
	var fields []apperr.FieldError
	var unsupported bool
	var walk func(err error)
	walk = func(err error) {
		// Only a top-level list is split here: a RequestError wrapping a list
		// of schema errors must keep its parameter name.
		if me, ok := err.(openapi3.MultiError); ok {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var re *openapi3filter.RequestError
		if errors.As(err, &re) {
			if re.Err == nil && strings.Contains(re.Reason, "Content-Type") {
				unsupported = true
				return
			}
			if re.Err == nil {
				// kin-openapi's reasons are English: never shown.
				fields = append(fields, apperr.Field("", "La requête ne respecte pas le contrat de l'API."))
				return
			}
			if strings.Contains(re.Err.Error(), "Content-Type") || strings.Contains(re.Reason, "content type") {
				unsupported = true
				return
			}
			prefix := ""
			if re.Parameter != nil {
				prefix = "/" + re.Parameter.Name
				var me openapi3.MultiError
				var se *openapi3.SchemaError
				if !errors.As(re.Err, &me) && !errors.As(re.Err, &se) {
					fields = append(fields, apperr.Field(prefix, parameterDetail(re)))
					return
				}
			}
			var pe *openapi3filter.ParseError
			if errors.As(re.Err, &pe) {
				fields = append(fields, apperr.Field(prefix, "Le contenu n'est pas un JSON valide ou ne correspond pas au type attendu."))
				return
			}
			if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
				if re.Parameter != nil {
					fields = append(fields, apperr.Field(prefix, "Ce paramètre est obligatoire."))
				} else {
					fields = append(fields, apperr.Field("", "Le corps de la requête est obligatoire."))
				}
				return
			}
			walkSchema(re.Err, prefix, &fields)
			return
		}
		walkSchema(err, "", &fields)
	}
	walk(err)
	if unsupported {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType)
	}
	if len(fields) == 0 {
		fields = append(fields, apperr.Field("", "La requête ne respecte pas le contrat de l'API."))
	}
	return apperr.Invalid(fields...)
}

func parameterDetail(re *openapi3filter.RequestError) string {
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		return "Ce paramètre est obligatoire."
	}
	return "Valeur de paramètre invalide."
}

var unsupportedProp = regexp.MustCompile(`property "([^"]+)" is unsupported`)

func walkSchema(err error, prefix string, fields *[]apperr.FieldError) {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		for _, e := range me {
			walkSchema(e, prefix, fields)
		}
		return
	}
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		*fields = append(*fields, apperr.Field(prefix, "Valeur invalide."))
		return
	}
	path := se.JSONPointer()
	if m := unsupportedProp.FindStringSubmatch(se.Reason); m != nil {
		path = append(path, m[1])
	}
	pointer := pointerTo(prefix, path...)
	if se.SchemaField == "minProperties" || se.SchemaField == "maxProperties" {
		// "Exactly one of these members" (x-one-of) names its first member,
		// as the same rule does on query parameters.
		if rule := oneOfOf(se.Schema.Extensions); rule != nil {
			*fields = append(*fields, apperr.Field(pointerTo(pointer, rule.Fields[0]), rule.Detail))
			return
		}
	}
	*fields = append(*fields, apperr.Field(pointer, schemaDetail(se)))
}

// schemaDetail says in French what rule the value broke.
func schemaDetail(se *openapi3.SchemaError) string {
	sc := se.Schema
	switch se.SchemaField {
	case "required":
		return "Ce champ est obligatoire."
	case "properties", "additionalProperties":
		if unsupportedProp.MatchString(se.Reason) {
			return "Ce champ n'est pas permis."
		}
	case "type":
		if sc != nil && sc.Type != nil {
			return "Type invalide : " + typeName(sc.Type.Slice()) + " attendu."
		}
		return "Type invalide."
	case "nullable":
		return "Ce champ ne peut pas être nul."
	case "minLength":
		if sc.MinLength <= 1 {
			return "Ce champ ne peut pas être vide."
		}
		return fmt.Sprintf("Doit compter au moins %d caractères.", sc.MinLength)
	case "maxLength":
		if sc.MaxLength != nil {
			return fmt.Sprintf("Doit compter au plus %d caractères.", *sc.MaxLength)
		}
	case "pattern", "format":
		return "Format invalide."
	case "enum":
		vals := make([]string, 0, len(sc.Enum))
		for _, v := range sc.Enum {
			vals = append(vals, fmt.Sprint(v))
		}
		return "Valeur non permise. Valeurs permises : " + strings.Join(vals, ", ") + "."
	case "minimum":
		if sc.Min != nil {
			return "Doit être au moins " + number(*sc.Min) + "."
		}
	case "maximum":
		if sc.Max != nil {
			return "Doit être au plus " + number(*sc.Max) + "."
		}
	case "minItems":
		return fmt.Sprintf("Doit contenir au moins %d élément(s).", sc.MinItems)
	case "maxItems":
		if sc.MaxItems != nil {
			return fmt.Sprintf("Doit contenir au plus %d élément(s).", *sc.MaxItems)
		}
	case "uniqueItems":
		return "Les éléments doivent être uniques."
	case "minProperties":
		return fmt.Sprintf("Doit compter au moins %d champ(s).", sc.MinProps)
	case "maxProperties":
		if sc.MaxProps != nil {
			return fmt.Sprintf("Doit compter au plus %d champ(s).", *sc.MaxProps)
		}
	}
	return "Valeur invalide."
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func typeName(types []string) string {
	names := map[string]string{"string": "texte", "integer": "entier", "number": "nombre", "boolean": "booléen", "object": "objet", "array": "tableau"}
	out := make([]string, 0, len(types))
	for _, t := range types {
		if n, ok := names[t]; ok {
			out = append(out, n)
		} else {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ou ")
}

// lowerFirst restores the contract's camelCase operationId (the generator
// capitalises the embedded copy).
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
