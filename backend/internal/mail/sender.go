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
// runs when no SMTP server is configured, so a developer can still follow a
// password-reset link from the logs.
type LogSender struct {
	Logger *slog.Logger // slog.Default() when nil
}

// Send logs the recipient, the subject and the text body.
func (s LogSender) Send(ctx context.Context, m Message) error {
	logger := s.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.InfoContext(ctx, "courriel non envoyé (aucun serveur SMTP configuré)",
		"destinataire", m.To, "objet", m.Subject, "texte", m.Text)
	return nil
}

// NewSender returns an SMTPSender for smtpURL, or a LogSender when smtpURL is
// empty. from is the sender address, e.g. noreply@cadastre.gouv.qc.ca
// (DefaultFrom when empty).
func NewSender(smtpURL, from string, logger *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return LogSender{Logger: logger}, nil
	}
	return NewSMTPSender(SMTPConfig{URL: smtpURL, From: from})
}
