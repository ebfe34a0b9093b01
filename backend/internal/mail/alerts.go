package mail

// Subjects of the alerts of SPEC §7.
const (
	SubjectDossierMessage = "Mon espace client — Nouveau message au dossier"
	SubjectCommunique     = "Mon espace client — Nouveau communiqué"
)

// DossierMessageAlert tells the surveyor responsible for a dossier that a
// message awaits them. It goes to the surveyor only, never to délégataires
// (the surveyor informs them, as the guide says).
func DossierMessageAlert(to, firstName, dossierNumber, subject string) Message {
	firstName, dossierNumber, subject = clean(firstName), clean(dossierNumber), clean(subject)
	return bilingual(to, SubjectDossierMessage+" "+dossierNumber, firstName,
		[]block{
			para("Un nouveau message a été déposé au dossier " + dossierNumber + " dans Mon espace client :"),
			para("« " + subject + " »"),
			para("Consultez-le sous l'onglet Suivi de dossiers. Il vous revient d'en informer vos délégataires, s'il y a lieu."),
		},
		[]block{
			para("A new message was posted on file " + dossierNumber + " in Mon espace client:"),
			para("\"" + subject + "\""),
			para("Read it under the file tracking tab. It is up to you to inform your delegates, if needed."),
		})
}

// CommuniqueAlert announces a communiqué to a surveyor.
func CommuniqueAlert(to, firstName, subject string) Message {
	firstName, subject = clean(firstName), clean(subject)
	return bilingual(to, SubjectCommunique, firstName,
		[]block{
			para("Un nouveau communiqué est publié dans Mon espace client :"),
			para("« " + subject + " »"),
			para("Il vous revient d'en informer vos délégataires, s'il y a lieu."),
		},
		[]block{
			para("A new notice was published in Mon espace client:"),
			para("\"" + subject + "\""),
			para("It is up to you to inform your delegates, if needed."),
		})
}
