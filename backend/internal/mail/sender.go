package mail

import (
	"context"
	"log/slog"
)

// Sender hands one message to a mail system. It must honour ctx: the worker
// bounds every send with a deadline and relies on it to keep its lease.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// LogSender writes each e-mail to the log instead of sending it. It is what
// runs when no SMTP server is configured. Bodies carry secrets (password
// reset links), so they are written only with ShowBody, which the demo mode
// sets so that a developer can follow a link from the log (SPEC §17).
type LogSender struct {
	Logger   *slog.Logger // slog.Default() when nil
	ShowBody bool
}

// Send logs the recipient and the subject, and the text body with ShowBody.
func (s LogSender) Send(ctx context.Context, m Message) error {
	logger := s.Logger
	if logger == nil {
		logger = slog.Default()
	}
	if !s.ShowBody {
		logger.InfoContext(ctx, "courriel non envoyé (aucun serveur SMTP configuré ; texte masqué hors démonstration)",
			"destinataire", m.To, "objet", m.Subject)
		return nil
	}
	logger.InfoContext(ctx, "courriel non envoyé (aucun serveur SMTP configuré)",
		"destinataire", m.To, "objet", m.Subject, "texte", m.Text)
	return nil
}

// NewSender returns an SMTPSender for smtpURL, or a LogSender (bodies hidden)
// when smtpURL is empty. from is the sender address, e.g. noreply@cadastre.gouv.qc.ca
// (DefaultFrom when empty).
func NewSender(smtpURL, from string, logger *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return LogSender{Logger: logger}, nil
	}
	return NewSMTPSender(SMTPConfig{URL: smtpURL, From: from})
}
