package mail

import (
	"fmt"
	"time"

	"espace/backend/internal/quebec"
)

// Subjects, French only (the body carries both languages). Other packages'
// tests may match on them.
const (
	SubjectWelcome                   = "Mon espace client — Votre identifiant Mon espace client a été créé"
	SubjectPasswordReset             = "Mon espace client — Réinitialisation de votre mot de passe" //nolint:gosec // a subject line, not a password
	SubjectUsernameReminder          = "Mon espace client — Votre nom d'utilisateur"
	SubjectPasswordChanged           = "Mon espace client — Votre mot de passe a été modifié" //nolint:gosec // a subject line, not a password
	SubjectDelegateAddedToSurveyor   = "Mon espace client — Vous avez ajouté un délégataire"
	SubjectDelegateAddedToDelegate   = "Mon espace client — Un arpenteur-géomètre vous a désigné comme délégataire"
	SubjectDelegateRemovedToDelegate = "Mon espace client — Fin de votre délégation"
	SubjectDelegationRenounced       = "Mon espace client — Un délégataire a renoncé à sa délégation"
	SubjectDelegationEndingSoon      = "Mon espace client — Une délégation prendra fin dans 7 jours"
	SubjectDelegationExpired         = "Mon espace client — Fin d'une délégation (échéance)"
)

// Welcome confirms a new identifiant (SPEC §1).
func Welcome(to, firstName, username string) Message {
	firstName, username = clean(firstName), clean(username)
	return bilingual(to, SubjectWelcome, firstName,
		[]block{
			para("Votre identifiant Mon espace client a été créé."),
			para("Nom d'utilisateur : " + username),
			para("Gardez votre mot de passe pour vous seul. Ne le communiquez à personne, pas même à un délégataire : chaque personne se connecte avec son propre identifiant."),
			para("Si vous n'êtes pas à l'origine de cette inscription, ignorez ce courriel."),
		},
		[]block{
			para("Your Mon espace client account has been created."),
			para("Username: " + username),
			para("Keep your password to yourself. Never share it, not even with a delegate: everyone signs in with their own account."),
			para("If you did not sign up, please ignore this message."),
		})
}

// PasswordReset carries the single-use link of "J'ai oublié mon mot de passe".
func PasswordReset(to, firstName, link string, validFor time.Duration) Message {
	firstName = clean(firstName)
	return bilingual(to, SubjectPasswordReset, firstName,
		[]block{
			para("Nous avons reçu une demande de réinitialisation du mot de passe de votre identifiant Mon espace client. Pour choisir un nouveau mot de passe, ouvrez le lien suivant :"),
			linkTo(link),
			para(fmt.Sprintf("Ce lien est valide pendant %s et ne peut servir qu'une seule fois.", durationFR(validFor))),
			para("Si vous n'avez pas fait cette demande, ignorez ce courriel : votre mot de passe actuel reste valide."),
		},
		[]block{
			para("We received a request to reset the password of your Mon espace client account. To choose a new password, open the following link:"),
			linkTo(link),
			para(fmt.Sprintf("This link is valid for %s and can be used only once.", durationEN(validFor))),
			para("If you did not ask for this, please ignore this message: your current password remains valid."),
		})
}

// UsernameReminder answers "J'ai oublié mon nom d'utilisateur".
func UsernameReminder(to string, usernames []string) Message {
	names := make([]string, 0, len(usernames))
	for _, u := range usernames {
		if u = clean(u); u != "" {
			names = append(names, u)
		}
	}
	var fr, en []block
	switch len(names) {
	case 0:
		fr = []block{para("Aucun nom d'utilisateur n'est associé à cette adresse courriel.")}
		en = []block{para("No username is associated with this e-mail address.")}
	case 1:
		fr = []block{para("Le nom d'utilisateur associé à cette adresse courriel est :"), list(names...)}
		en = []block{para("The username associated with this e-mail address is:"), list(names...)}
	default:
		fr = []block{para("Les noms d'utilisateur associés à cette adresse courriel sont :"), list(names...)}
		en = []block{para("The usernames associated with this e-mail address are:"), list(names...)}
	}
	fr = append([]block{para("Vous avez demandé un rappel de votre nom d'utilisateur Mon espace client.")}, fr...)
	fr = append(fr, para("Si vous n'avez pas fait cette demande, ignorez ce courriel."))
	en = append([]block{para("You asked for a reminder of your Mon espace client username.")}, en...)
	en = append(en, para("If you did not ask for this, please ignore this message."))
	return bilingual(to, SubjectUsernameReminder, "", fr, en) // nobody to greet by name
}

// PasswordChanged warns the owner that their password was changed at at.
func PasswordChanged(to, firstName string, at time.Time) Message {
	firstName = clean(firstName)
	when := at.In(quebec.Location).Format("2006-01-02 15:04")
	return bilingual(to, SubjectPasswordChanged, firstName,
		[]block{
			para("Le mot de passe de votre identifiant Mon espace client a été modifié le " + when + " (heure du Québec)."),
			para("Si vous avez fait ce changement, vous n'avez rien d'autre à faire."),
			para("Sinon, quelqu'un connaît peut-être votre mot de passe : choisissez-en un nouveau sans tarder avec « J'ai oublié mon mot de passe » sur la page de connexion."),
		},
		[]block{
			para("The password of your Mon espace client account was changed on " + when + " (Québec time)."),
			para("If you made this change, there is nothing else to do."),
			para("If not, someone may know your password: choose a new one right away with “J'ai oublié mon mot de passe” (forgot my password) on the sign-in page."),
		})
}

func durationFR(d time.Duration) string {
	return spell(d, "heure", "heures", "minute", "minutes", " ")
}

func durationEN(d time.Duration) string {
	return spell(d, "hour", "hours", "minute", "minutes", " and ")
}

// spell writes d in whole hours and minutes, e.g. 90 min as
// "1 heure 30 minutes" or "1 hour and 30 minutes".
func spell(d time.Duration, hour, hours, minute, minutes, join string) string {
	d = d.Round(time.Minute)
	if d < time.Minute {
		d = time.Minute
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	unit := func(n int, one, many string) string {
		if n > 1 {
			return fmt.Sprintf("%d %s", n, many)
		}
		return fmt.Sprintf("%d %s", n, one)
	}
	switch {
	case h == 0:
		return unit(m, minute, minutes)
	case m == 0:
		return unit(h, hour, hours)
	default:
		return unit(h, hour, hours) + join + unit(m, minute, minutes)
	}
}
