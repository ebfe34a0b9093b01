package mail

import "fmt"

// The delegation e-mails (SPEC §5, §2.5, §11) share one form: a greeting by
// first name, then in each language a first paragraph that names the other
// party (and the dates) and fixed paragraphs after it. Only the words differ,
// so each one is a notice.
type notice struct {
	subject string
	// The first paragraph is a format of the values the builder passes, in
	// the order its comment gives; the others are plain text.
	fr, en []string
}

// to builds the e-mail for firstName. The values are arguments of the
// format, never part of it, so what a user typed stays text.
func (n notice) to(to, firstName string, values ...string) Message {
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = clean(v)
	}
	paras := func(text []string) []block {
		blocks := []block{para(fmt.Sprintf(text[0], args...))}
		for _, t := range text[1:] {
			blocks = append(blocks, para(t))
		}
		return blocks
	}
	return bilingual(to, n.subject, clean(firstName), paras(n.fr), paras(n.en))
}

// DelegateAddedToSurveyor confirms to the délégant that they added a
// délégataire (SPEC §5).
func DelegateAddedToSurveyor(to, surveyorFirstName, delegateFullName string) Message {
	return delegateAddedToSurveyor.to(to, surveyorFirstName, delegateFullName)
}

// DelegateAddedToDelegate tells a user that a surveyor designated them as
// délégataire: the confirmation e-mail the SPEC §4 message tells them to wait
// for.
func DelegateAddedToDelegate(to, delegateFirstName, surveyorFullName, matricule string) Message {
	return delegateAddedToDelegate.to(to, delegateFirstName, surveyorFullName, matricule)
}

// DelegateRemovedToDelegate tells a délégataire that the surveyor ended the
// delegation; access ended at once (SPEC §2.5).
func DelegateRemovedToDelegate(to, delegateFirstName, surveyorFullName, matricule string) Message {
	return delegateRemovedToDelegate.to(to, delegateFirstName, surveyorFullName, matricule)
}

// DelegationRenouncedToSurveyor tells a surveyor that a délégataire gave up
// acting for them.
func DelegationRenouncedToSurveyor(to, surveyorFirstName, delegateFullName string) Message {
	return delegationRenouncedToSurveyor.to(to, surveyorFirstName, delegateFullName)
}

// DelegationEndingSoonToSurveyor reminds a surveyor, seven days ahead, that a
// délégataire's delegation reaches its end date (SPEC §11). endsOn is the
// last day in force, YYYY-MM-DD.
func DelegationEndingSoonToSurveyor(to, surveyorFirstName, delegateFullName, endsOn string) Message {
	return delegationEndingSoonToSurveyor.to(to, surveyorFirstName, delegateFullName, endsOn)
}

// DelegationEndingSoonToDelegate reminds a délégataire, seven days ahead,
// that their delegation reaches its end date (SPEC §11).
func DelegationEndingSoonToDelegate(to, delegateFirstName, surveyorFullName, matricule, endsOn string) Message {
	return delegationEndingSoonToDelegate.to(to, delegateFirstName, surveyorFullName, matricule, endsOn)
}

// DelegationExpiredToSurveyor tells a surveyor that a délégataire's
// delegation reached its end date and ended (SPEC §11).
func DelegationExpiredToSurveyor(to, surveyorFirstName, delegateFullName, endsOn string) Message {
	return delegationExpiredToSurveyor.to(to, surveyorFirstName, delegateFullName, endsOn)
}

// DelegationExpiredToDelegate tells a délégataire that their delegation
// reached its end date and ended (SPEC §11).
func DelegationExpiredToDelegate(to, delegateFirstName, surveyorFullName, matricule, endsOn string) Message {
	return delegationExpiredToDelegate.to(to, delegateFirstName, surveyorFullName, matricule, endsOn)
}

// The words of each e-mail, French first.
var (
	// Values: the délégataire's full name.
	delegateAddedToSurveyor = notice{
		subject: SubjectDelegateAddedToSurveyor,
		fr: []string{
			"Vous avez ajouté %s comme délégataire. Cette personne peut maintenant agir en votre nom dans Mon espace client pour les services que vous lui avez délégués (jamais le dépôt d'une demande de mise à jour du cadastre).",
			"La délégation reste en vigueur jusqu'à la date de fin choisie, s'il y en a une, ou jusqu'à ce que vous la retiriez. Ses services et sa date de fin sont indiqués, et modifiables, dans Délégation ▸ Gestion des délégataires.",
			"Si vous n'êtes pas à l'origine de cet ajout, retirez ce délégataire sans tarder et changez votre mot de passe.",
		},
		en: []string{
			"You added %s as a delegate (délégataire). This person can now act on your behalf in Mon espace client for the services you delegated (never filing a cadastre update request).",
			"The delegation stays in force until its end date, if any, or until you remove it. Its services and end date are shown, and can be changed, under Délégation ▸ Gestion des délégataires.",
			"If you did not make this change, remove this delegate right away and change your password.",
		},
	}

	// Values: the surveyor's full name, their matricule.
	delegateAddedToDelegate = notice{
		subject: SubjectDelegateAddedToDelegate,
		fr: []string{
			"L'arpenteur-géomètre %s (matricule %s) vous a désigné comme délégataire. Vous pouvez maintenant agir en son nom dans Mon espace client.",
			"Après votre connexion, choisissez cet arpenteur-géomètre dans Délégation ▸ Sélection d'un délégant.",
			"Vous utilisez toujours votre propre identifiant. Les droits reçus ne peuvent pas être délégués à une autre personne.",
		},
		en: []string{
			"Land surveyor %s (matricule %s) has designated you as a delegate (délégataire). You can now act on their behalf in Mon espace client.",
			"After signing in, choose this land surveyor under Délégation ▸ Sélection d'un délégant.",
			"You always sign in with your own account. The rights you received cannot be delegated to anyone else.",
		},
	}

	// Values: the surveyor's full name, their matricule.
	delegateRemovedToDelegate = notice{
		subject: SubjectDelegateRemovedToDelegate,
		fr: []string{
			"L'arpenteur-géomètre %s (matricule %s) a mis fin à votre délégation. Vous ne pouvez plus agir en son nom dans Mon espace client.",
			"Les activités réalisées en son nom avant cette date restent visibles dans votre suivi des activités.",
		},
		en: []string{
			"Land surveyor %s (matricule %s) has ended your delegation. You can no longer act on their behalf in Mon espace client.",
			"Activities carried out on their behalf before now remain visible in your activity log (suivi des activités).",
		},
	}

	// Values: the délégataire's full name.
	delegationRenouncedToSurveyor = notice{
		subject: SubjectDelegationRenounced,
		fr: []string{
			"%s a renoncé à être votre délégataire et ne peut plus agir en votre nom dans Mon espace client.",
			"Vos délégataires sont présentés dans Délégation ▸ Gestion des délégataires.",
		},
		en: []string{
			"%s has given up being your delegate (délégataire) and can no longer act on your behalf in Mon espace client.",
			"Your delegates are listed under Délégation ▸ Gestion des délégataires.",
		},
	}

	// Values: the délégataire's full name, the last day in force.
	delegationEndingSoonToSurveyor = notice{
		subject: SubjectDelegationEndingSoon,
		fr: []string{
			"La délégation accordée à %s prendra fin après le %s (heure du Québec). À compter de minuit, cette personne ne pourra plus agir en votre nom.",
			"Pour la prolonger, modifiez sa date de fin dans Délégation ▸ Gestion des délégataires.",
		},
		en: []string{
			"The delegation you granted to %s ends after %s (Québec time). From midnight, this person can no longer act on your behalf.",
			"To extend it, change its end date under Délégation ▸ Gestion des délégataires.",
		},
	}

	// Values: the surveyor's full name, their matricule, the last day in force.
	delegationEndingSoonToDelegate = notice{
		subject: SubjectDelegationEndingSoon,
		fr: []string{
			"Votre délégation de l'arpenteur-géomètre %s (matricule %s) prendra fin après le %s (heure du Québec). À compter de minuit, vous ne pourrez plus agir en son nom.",
			"Seul l'arpenteur-géomètre peut prolonger la délégation.",
		},
		en: []string{
			"Your delegation from land surveyor %s (matricule %s) ends after %s (Québec time). From midnight, you can no longer act on their behalf.",
			"Only the land surveyor can extend the delegation.",
		},
	}

	// Values: the délégataire's full name, the last day in force.
	delegationExpiredToSurveyor = notice{
		subject: SubjectDelegationExpired,
		fr: []string{
			"La délégation accordée à %s a pris fin à son échéance, le %s à minuit (heure du Québec). Cette personne ne peut plus agir en votre nom.",
			"Vous pouvez l'ajouter de nouveau dans Délégation ▸ Gestion des délégataires.",
		},
		en: []string{
			"The delegation you granted to %s reached its end date and ended at midnight after %s (Québec time). This person can no longer act on your behalf.",
			"You can add them again under Délégation ▸ Gestion des délégataires.",
		},
	}

	// Values: the surveyor's full name, their matricule, the last day in force.
	delegationExpiredToDelegate = notice{
		subject: SubjectDelegationExpired,
		fr: []string{
			"Votre délégation de l'arpenteur-géomètre %s (matricule %s) a pris fin à son échéance, le %s à minuit (heure du Québec). Vous ne pouvez plus agir en son nom.",
			"Les activités réalisées en son nom restent visibles dans votre suivi des activités.",
		},
		en: []string{
			"Your delegation from land surveyor %s (matricule %s) reached its end date and ended at midnight after %s (Québec time). You can no longer act on their behalf.",
			"Activities carried out on their behalf remain visible in your activity log (suivi des activités).",
		},
	}
)
