package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Received is one accepted message, decoded for assertions.
type Received struct {
	From    string      // envelope sender (MAIL FROM)
	To      []string    // envelope recipients (RCPT TO)
	User    string      // AUTH PLAIN username, "" without authentication
	Header  mail.Header // headers as sent (still MIME-encoded)
	Subject string      // decoded, accents intact
	Text    string      // the text/plain part, decoded, line breaks as "\n"
	HTML    string      // the text/html part, decoded, line breaks as "\n"
	Raw     []byte      // the message exactly as received
	Err     error       // why the message could not be parsed, if it could not
}

// HeaderFrom is the decoded From header, e.g. "Mon espace client <noreply@…>".
func (r Received) HeaderFrom() string { return decodeHeader(r.Header.Get("From")) }

var wordDecoder = mime.WordDecoder{}

func decodeHeader(v string) string {
	d, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		return v
	}
	return d
}

func parse(raw []byte) Received {
	r := Received{Raw: raw}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		r.Err = err
		return r
	}
	r.Header = msg.Header
	r.Subject = decodeHeader(msg.Header.Get("Subject"))
	r.Err = r.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return r
}

// walk descends multipart bodies and keeps the first text/plain and
// text/html leaves. Bodies are taken as UTF-8, which is what the
// application sends.
func (r *Received) walk(contentType, transferEncoding string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return err
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		// multipart.Reader undoes quoted-printable itself; base64 is
		// handled below.
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := r.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	content, err := io.ReadAll(decodeTransfer(transferEncoding, body))
	if err != nil {
		return err
	}
	// SMTP puts CRLF on the wire; tests compare with Go strings.
	text := strings.ReplaceAll(string(content), "\r\n", "\n")
	switch {
	case mediaType == "text/plain" && r.Text == "":
		r.Text = text
	case mediaType == "text/html" && r.HTML == "":
		r.HTML = text
	}
	return nil
}

func decodeTransfer(encoding string, body io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		return quotedprintable.NewReader(body)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, body) // skips line breaks itself
	default:
		return body
	}
}
