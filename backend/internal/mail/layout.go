package mail

import (
	"bytes"
	"html/template"
	"strings"
	"unicode"
)

// A letter is one language version of an e-mail. Messages carry two: French
// first, then English below a separator, the same in text and HTML.
type letter struct {
	Lang     string
	Greeting string
	Blocks   []block
	Closing  []string
}

// A block is a paragraph, a link on its own line, or a bulleted list.
type block struct {
	Text string
	Link string
	List []string
}

func para(s string) block        { return block{Text: s} }
func list(items ...string) block { return block{List: items} }

// linkTo puts a server-built URL on its own line; a stray line break in it
// is flattened all the same.
func linkTo(url string) block { return block{Link: clean(url)} }

func greeting(word, name string) string {
	if name == "" {
		return word + ","
	}
	return word + " " + name + ","
}

var closingFR = []string{
	"Ce courriel a été envoyé automatiquement. Veuillez ne pas y répondre.",
	"Mon espace client — Cadastre du Québec",
}

var closingEN = []string{
	"This message was sent automatically. Please do not reply.",
	"Mon espace client — Québec cadastre",
}

// separator introduces the English version in the text part.
const separator = "------------------------------------------------------------\nEnglish version"

// compose renders both versions into a Message.
func compose(to, subject string, fr, en letter) Message {
	fr.Lang, fr.Closing = "fr-CA", closingFR
	en.Lang, en.Closing = "en-CA", closingEN
	return Message{
		To:      to,
		Subject: subject,
		Text:    renderText(fr) + "\n\n" + separator + "\n\n" + renderText(en),
		HTML:    renderHTML(subject, fr, en),
	}
}

// bilingual is the usual e-mail: both versions greet firstName (or no one
// when it is empty) and carry their own blocks.
func bilingual(to, subject, firstName string, fr, en []block) Message {
	return compose(to, subject,
		letter{Greeting: greeting("Bonjour", firstName), Blocks: fr},
		letter{Greeting: greeting("Hello", firstName), Blocks: en})
}

func renderText(l letter) string {
	var b strings.Builder
	b.WriteString(l.Greeting)
	for _, bl := range l.Blocks {
		b.WriteString("\n\n")
		switch {
		case bl.Link != "":
			b.WriteString(bl.Link)
		case len(bl.List) > 0:
			for i, item := range bl.List {
				if i > 0 {
					b.WriteString("\n")
				}
				b.WriteString("  - " + item)
			}
		default:
			b.WriteString(bl.Text)
		}
	}
	b.WriteString("\n\n" + strings.Join(l.Closing, "\n"))
	return b.String()
}

// html/template escapes every value and refuses dangerous URLs in href, so
// names typed by users cannot inject markup.
var htmlLayout = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="fr-CA">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#223654;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
{{- range $i, $l := .Letters}}
{{- if $i}}
<hr style="border:0;border-top:1px solid #c5cad2;margin:32px 0">
{{- end}}
<div lang="{{$l.Lang}}" style="max-width:640px">
<p>{{$l.Greeting}}</p>
{{- range $l.Blocks}}
{{- if .Link}}
<p><a href="{{.Link}}" style="color:#095797">{{.Link}}</a></p>
{{- else if .List}}
<ul>{{range .List}}<li><strong>{{.}}</strong></li>{{end}}</ul>
{{- else}}
<p>{{.Text}}</p>
{{- end}}
{{- end}}
<p style="color:#6b778a;font-size:14px">{{range $j, $c := $l.Closing}}{{if $j}}<br>{{end}}{{$c}}{{end}}</p>
</div>
{{- end}}
</body>
</html>
`))

func renderHTML(subject string, letters ...letter) string {
	var buf bytes.Buffer
	data := struct {
		Subject string
		Letters []letter
	}{subject, letters}
	if err := htmlLayout.Execute(&buf, data); err != nil {
		// The layout is fixed and the data are plain strings: this cannot
		// fail short of a programming error.
		panic(err)
	}
	return buf.String()
}

// clean flattens what a user typed (names, usernames) to one line, so it
// cannot break the layout of the text part or fake a paragraph.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
