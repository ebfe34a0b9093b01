package mail

import (
	"fmt"
	"time"
	_ "time/tzdata" // America/Toronto must resolve even on a bare container
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

// quebecTime is the zone in which dates are shown to users (stored in UTC).
var quebecTime = mustLoadLocation("America/Toronto")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Welcome confirms a new identifiant (SPEC §1).
func Welcome(to, firstName, username string) Message {
	firstName, username = clean(firstName), clean(username)
	return compose(to, SubjectWelcome,
		letter{
			Greeting: greeting("Bonjour", firstName),
			Blocks: []block{
				para("Votre identifiant Mon espace client a été créé."),
				para("Nom d'utilisateur : " + username),
				para("Gardez votre mot de passe pour vous seul. Ne le communiquez à personne, pas même à un délégataire : chaque personne se connecte avec son propre identifiant."),
				para("Si vous n'êtes pas à l'origine de cette inscription, ignorez ce courriel."),
			},
		},
		letter{
			Greeting: greeting("Hello", firstName),
			Blocks: []block{
				para("Your Mon espace client account has been created."),
				para("Username: " + username),
				para("Keep your password to yourself. Never share it, not even with a delegate: everyone signs in with their own account."),
				para("If you did not sign up, please ignore this message."),
			},
		})
}

// PasswordReset carries the single-use link of "J'ai oublié mon mot de passe".
func PasswordReset(to, firstName, link string, validFor time.Duration) Message {
	firstName = clean(firstName)
	return compose(to, SubjectPasswordReset,
		letter{
			Greeting: greeting("Bonjour", firstName),
			Blocks: []block{
				para("Nous avons reçu une demande de réinitialisation du mot de passe de votre identifiant Mon espace client. Pour choisir un nouveau mot de passe, ouvrez le lien suivant :"),
				linkTo(link),
				para(fmt.Sprintf("Ce lien est valide pendant %s et ne peut servir qu'une seule fois.", durationFR(validFor))),
				para("Si vous n'avez pas fait cette demande, ignorez ce courriel : votre mot de passe actuel reste valide."),
			},
		},
		letter{
			Greeting: greeting("Hello", firstName),
			Blocks: []block{
				para("We received a request to reset the password of your Mon espace client account. To choose a new password, open the following link:"),
				linkTo(link),
				para(fmt.Sprintf("This link is valid for %s and can be used only once.", durationEN(validFor))),
				para("If you did not ask for this, please ignore this message: your current password remains valid."),
			},
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
	return compose(to, SubjectUsernameReminder,
		letter{Greeting: "Bonjour,", Blocks: fr},
		letter{Greeting: "Hello,", Blocks: en})
}

// PasswordChanged warns the owner that their password was changed at at.
func PasswordChanged(to, firstName string, at time.Time) Message {
	firstName = clean(firstName)
	when := at.In(quebecTime).Format("2006-01-02 15:04")
	return compose(to, SubjectPasswordChanged,
		letter{
			Greeting: greeting("Bonjour", firstName),
			Blocks: []block{
				para("Le mot de passe de votre identifiant Mon espace client a été modifié le " + when + " (heure du Québec)."),
				para("Si vous avez fait ce changement, vous n'avez rien d'autre à faire."),
				para("Sinon, quelqu'un connaît peut-être votre mot de passe : choisissez-en un nouveau sans tarder avec « J'ai oublié mon mot de passe » sur la page de connexion."),
			},
		},
		letter{
			Greeting: greeting("Hello", firstName),
			Blocks: []block{
				para("The password of your Mon espace client account was changed on " + when + " (Québec time)."),
				para("If you made this change, there is nothing else to do."),
				para("If not, someone may know your password: choose a new one right away with “J'ai oublié mon mot de passe” (forgot my password) on the sign-in page."),
			},
		})
}

// DelegateAddedToSurveyor confirms to the délégant that they added a
// délégataire (SPEC §5).
func DelegateAddedToSurveyor(to, surveyorFirstName, delegateFullName string) Message {
	first, delegate := clean(surveyorFirstName), clean(delegateFullName)
	return compose(to, SubjectDelegateAddedToSurveyor,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("Vous avez ajouté " + delegate + " comme délégataire. Cette personne peut maintenant agir en votre nom dans Mon espace client pour les services que vous lui avez délégués (jamais le dépôt d'une demande de mise à jour du cadastre)."),
				para("La délégation reste en vigueur jusqu'à la date de fin choisie, s'il y en a une, ou jusqu'à ce que vous la retiriez. Ses services et sa date de fin sont indiqués, et modifiables, dans Délégation ▸ Gestion des délégataires."),
				para("Si vous n'êtes pas à l'origine de cet ajout, retirez ce délégataire sans tarder et changez votre mot de passe."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("You added " + delegate + " as a delegate (délégataire). This person can now act on your behalf in Mon espace client for the services you delegated (never filing a cadastre update request)."),
				para("The delegation stays in force until its end date, if any, or until you remove it. Its services and end date are shown, and can be changed, under Délégation ▸ Gestion des délégataires."),
				para("If you did not make this change, remove this delegate right away and change your password."),
			},
		})
}

// DelegateAddedToDelegate tells a user that a surveyor designated them as
// délégataire: the confirmation e-mail the SPEC §4 message tells them to wait
// for.
func DelegateAddedToDelegate(to, delegateFirstName, surveyorFullName, matricule string) Message {
	first, surveyor, mat := clean(delegateFirstName), clean(surveyorFullName), clean(matricule)
	return compose(to, SubjectDelegateAddedToDelegate,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("L'arpenteur-géomètre " + surveyor + " (matricule " + mat + ") vous a désigné comme délégataire. Vous pouvez maintenant agir en son nom dans Mon espace client."),
				para("Après votre connexion, choisissez cet arpenteur-géomètre dans Délégation ▸ Sélection d'un délégant."),
				para("Vous utilisez toujours votre propre identifiant. Les droits reçus ne peuvent pas être délégués à une autre personne."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("Land surveyor " + surveyor + " (matricule " + mat + ") has designated you as a delegate (délégataire). You can now act on their behalf in Mon espace client."),
				para("After signing in, choose this land surveyor under Délégation ▸ Sélection d'un délégant."),
				para("You always sign in with your own account. The rights you received cannot be delegated to anyone else."),
			},
		})
}

// DelegateRemovedToDelegate tells a délégataire that the surveyor ended the
// delegation; access ended at once (SPEC §2.5).
func DelegateRemovedToDelegate(to, delegateFirstName, surveyorFullName, matricule string) Message {
	first, surveyor, mat := clean(delegateFirstName), clean(surveyorFullName), clean(matricule)
	return compose(to, SubjectDelegateRemovedToDelegate,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("L'arpenteur-géomètre " + surveyor + " (matricule " + mat + ") a mis fin à votre délégation. Vous ne pouvez plus agir en son nom dans Mon espace client."),
				para("Les activités réalisées en son nom avant cette date restent visibles dans votre suivi des activités."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("Land surveyor " + surveyor + " (matricule " + mat + ") has ended your delegation. You can no longer act on their behalf in Mon espace client."),
				para("Activities carried out on their behalf before now remain visible in your activity log (suivi des activités)."),
			},
		})
}

// DelegationRenouncedToSurveyor tells a surveyor that a délégataire gave up
// acting for them.
func DelegationRenouncedToSurveyor(to, surveyorFirstName, delegateFullName string) Message {
	first, delegate := clean(surveyorFirstName), clean(delegateFullName)
	return compose(to, SubjectDelegationRenounced,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para(delegate + " a renoncé à être votre délégataire et ne peut plus agir en votre nom dans Mon espace client."),
				para("Vos délégataires sont présentés dans Délégation ▸ Gestion des délégataires."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para(delegate + " has given up being your delegate (délégataire) and can no longer act on your behalf in Mon espace client."),
				para("Your delegates are listed under Délégation ▸ Gestion des délégataires."),
			},
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

// DelegationEndingSoonToSurveyor reminds a surveyor, seven days ahead, that a
// délégataire's delegation reaches its end date (SPEC §11). endsOn is the
// last day in force, YYYY-MM-DD.
func DelegationEndingSoonToSurveyor(to, surveyorFirstName, delegateFullName, endsOn string) Message {
	first, delegate, day := clean(surveyorFirstName), clean(delegateFullName), clean(endsOn)
	return compose(to, SubjectDelegationEndingSoon,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("La délégation accordée à " + delegate + " prendra fin après le " + day + " (heure du Québec). À compter de minuit, cette personne ne pourra plus agir en votre nom."),
				para("Pour la prolonger, modifiez sa date de fin dans Délégation ▸ Gestion des délégataires."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("The delegation you granted to " + delegate + " ends after " + day + " (Québec time). From midnight, this person can no longer act on your behalf."),
				para("To extend it, change its end date under Délégation ▸ Gestion des délégataires."),
			},
		})
}

// DelegationEndingSoonToDelegate reminds a délégataire, seven days ahead,
// that their delegation reaches its end date (SPEC §11).
func DelegationEndingSoonToDelegate(to, delegateFirstName, surveyorFullName, matricule, endsOn string) Message {
	first, surveyor, mat, day := clean(delegateFirstName), clean(surveyorFullName), clean(matricule), clean(endsOn)
	return compose(to, SubjectDelegationEndingSoon,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("Votre délégation de l'arpenteur-géomètre " + surveyor + " (matricule " + mat + ") prendra fin après le " + day + " (heure du Québec). À compter de minuit, vous ne pourrez plus agir en son nom."),
				para("Seul l'arpenteur-géomètre peut prolonger la délégation."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("Your delegation from land surveyor " + surveyor + " (matricule " + mat + ") ends after " + day + " (Québec time). From midnight, you can no longer act on their behalf."),
				para("Only the land surveyor can extend the delegation."),
			},
		})
}

// DelegationExpiredToSurveyor tells a surveyor that a délégataire's
// delegation reached its end date and ended (SPEC §11).
func DelegationExpiredToSurveyor(to, surveyorFirstName, delegateFullName, endsOn string) Message {
	first, delegate, day := clean(surveyorFirstName), clean(delegateFullName), clean(endsOn)
	return compose(to, SubjectDelegationExpired,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("La délégation accordée à " + delegate + " a pris fin à son échéance, le " + day + " à minuit (heure du Québec). Cette personne ne peut plus agir en votre nom."),
				para("Vous pouvez l'ajouter de nouveau dans Délégation ▸ Gestion des délégataires."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("The delegation you granted to " + delegate + " reached its end date and ended at midnight after " + day + " (Québec time). This person can no longer act on your behalf."),
				para("You can add them again under Délégation ▸ Gestion des délégataires."),
			},
		})
}

// DelegationExpiredToDelegate tells a délégataire that their delegation
// reached its end date and ended (SPEC §11).
func DelegationExpiredToDelegate(to, delegateFirstName, surveyorFullName, matricule, endsOn string) Message {
	first, surveyor, mat, day := clean(delegateFirstName), clean(surveyorFullName), clean(matricule), clean(endsOn)
	return compose(to, SubjectDelegationExpired,
		letter{
			Greeting: greeting("Bonjour", first),
			Blocks: []block{
				para("Votre délégation de l'arpenteur-géomètre " + surveyor + " (matricule " + mat + ") a pris fin à son échéance, le " + day + " à minuit (heure du Québec). Vous ne pouvez plus agir en son nom."),
				para("Les activités réalisées en son nom restent visibles dans votre suivi des activités."),
			},
		},
		letter{
			Greeting: greeting("Hello", first),
			Blocks: []block{
				para("Your delegation from land surveyor " + surveyor + " (matricule " + mat + ") reached its end date and ended at midnight after " + day + " (Québec time). You can no longer act on their behalf."),
				para("Activities carried out on their behalf remain visible in your activity log (suivi des activités)."),
			},
		})
}
