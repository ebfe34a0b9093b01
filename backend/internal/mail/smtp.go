package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

const (
	// DefaultFrom is the sender address when the configuration names none.
	DefaultFrom = "noreply@cadastre.gouv.qc.ca"
	// DefaultFromName is the display name shown with the sender address.
	DefaultFromName = "Mon espace client"
	// DefaultSMTPTimeout bounds one whole SMTP conversation.
	DefaultSMTPTimeout = 30 * time.Second
)

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

const (
	// TLSNone sends in clear text (local relays, test servers).
	TLSNone TLSMode = "none"
	// TLSStartTLS requires STARTTLS.
	TLSStartTLS TLSMode = "starttls"
	// TLSImplicit connects with TLS from the first byte (port 465).
	TLSImplicit TLSMode = "tls"
	// TLSOpportunistic uses STARTTLS when the server offers it.
	TLSOpportunistic TLSMode = "opportunistic"
)

// SMTPConfig configures an SMTPSender.
type SMTPConfig struct {
	// URL is smtp://[user:pass@]host[:port][?tls=none|starttls|tls].
	// Without tls=, STARTTLS is used when the server offers it, except for
	// loopback hosts, which are spoken to in clear text.
	URL string
	// From is the sender, "noreply@cadastre.gouv.qc.ca" or
	// "Mon espace client <noreply@cadastre.gouv.qc.ca>". Defaults to
	// DefaultFrom with DefaultFromName.
	From string
	// Timeout bounds one whole conversation, dial included
	// (DefaultSMTPTimeout when zero).
	Timeout time.Duration
}

// SMTPSender sends messages with go-mail, one connection per message: the
// outbox volume is small and a fresh connection never inherits a half-broken
// session from a previous failure.
type SMTPSender struct {
	host     string
	port     int
	mode     TLSMode
	user     string
	pass     string
	fromName string
	fromAddr string
	timeout  time.Duration
	redacted string
}

// NewSMTPSender checks cfg and returns a sender. It does not connect.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL invalide : %w", err)
	}
	s := &SMTPSender{timeout: cfg.Timeout, redacted: u.Redacted()}
	if s.timeout <= 0 {
		s.timeout = DefaultSMTPTimeout
	}
	switch u.Scheme {
	case "smtp":
	case "smtps":
		s.mode = TLSImplicit
	default:
		return nil, fmt.Errorf("SMTP_URL %s : schéma %q non pris en charge (smtp ou smtps)", s.redacted, u.Scheme)
	}
	s.host = u.Hostname()
	if s.host == "" {
		return nil, fmt.Errorf("SMTP_URL %s : hôte manquant", s.redacted)
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}

	switch tlsParam := u.Query().Get("tls"); tlsParam {
	case "":
		if s.mode == "" {
			s.mode = TLSOpportunistic
			if isLoopback(s.host) {
				s.mode = TLSNone
			}
		}
	case string(TLSNone), string(TLSStartTLS), string(TLSImplicit):
		if s.mode == TLSImplicit && tlsParam != string(TLSImplicit) {
			return nil, fmt.Errorf("SMTP_URL %s : smtps exige tls=tls", s.redacted)
		}
		s.mode = TLSMode(tlsParam)
	default:
		return nil, fmt.Errorf("SMTP_URL %s : tls=%q inconnu (none, starttls ou tls)", s.redacted, tlsParam)
	}

	if p := u.Port(); p != "" {
		s.port, err = strconv.Atoi(p)
		if err != nil || s.port < 1 || s.port > 65535 {
			return nil, fmt.Errorf("SMTP_URL %s : port invalide", s.redacted)
		}
	} else {
		switch s.mode {
		case TLSImplicit:
			s.port = 465
		case TLSStartTLS:
			s.port = 587
		default:
			s.port = 25
		}
	}

	from := cfg.From
	if from == "" {
		from = DefaultFrom
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("adresse d'expéditeur invalide %q : %w", from, err)
	}
	s.fromAddr, s.fromName = addr.Address, addr.Name
	if s.fromName == "" {
		s.fromName = DefaultFromName
	}
	return s, nil
}

// Mode tells how the connection is protected.
func (s *SMTPSender) Mode() TLSMode { return s.mode }

// Addr is host:port of the SMTP server.
func (s *SMTPSender) Addr() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// String is the URL with the password hidden, for logs.
func (s *SMTPSender) String() string { return s.redacted }

// Send delivers m, or returns why not. The whole conversation ends by the
// configured timeout or when ctx ends, whichever comes first.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	// go-mail uses the context for the dial only and then relies on socket
	// deadlines; closing the connection when ctx ends makes cancellation
	// and the overall timeout reach the whole conversation.
	var stop func() bool
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	tlsConfig := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	dial := func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		if s.mode == TLSImplicit {
			tc := tls.Client(conn, tlsConfig)
			if err := tc.HandshakeContext(dctx); err != nil {
				_ = conn.Close()
				return nil, err
			}
			conn = tc
		}
		stop = context.AfterFunc(ctx, func() { _ = conn.Close() })
		return conn, nil
	}

	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(s.timeout),
		gomail.WithTLSConfig(tlsConfig),
		gomail.WithDialContextFunc(dial),
	}
	switch s.mode {
	case TLSNone, TLSImplicit:
		// Implicit TLS is done by dial above; go-mail must not try STARTTLS
		// on top of it.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.user != "" {
		// PLAIN, else LOGIN. go-mail refuses both on a clear-text
		// connection to anything but loopback, which keeps the password
		// off the wire.
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	client, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("client SMTP : %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("SMTP %s : %w (%w)", s.Addr(), err, ctxErr)
		}
		return fmt.Errorf("SMTP %s : %w", s.Addr(), err)
	}
	return nil
}

func (s *SMTPSender) build(m Message) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(s.fromName, s.fromAddr); err != nil {
		return nil, fmt.Errorf("expéditeur : %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("destinataire : %w", err)
	}
	msg.Subject(m.Subject)
	// RFC 3834: tells auto-responders not to answer a noreply address.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// isLoopback reports whether host is this machine, where a relay needs no TLS.
func isLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
