/** Textes de la fonctionnalité « delegation » (français, langue de référence). */
export const delegationFr = {
  "delegation.title": "Délégation",
  "delegation.subtabs": "Délégation",
  "delegation.tab.delegates": "Gestion des délégataires",
  "delegation.tab.selection": "Sélection d'un délégant",
  "delegation.tab.activities": "Suivi des activités",
  "delegation.loadError": "Impossible d'obtenir les renseignements de délégation.",

  "delegation.delegates.title": "Gestion des délégataires",
  "delegation.delegates.intro":
    "Les délégataires peuvent intervenir en votre nom dans les services que vous leur accordez, à l'exception du dépôt d'une demande de mise à jour du cadastre (DM). Un délégataire conserve ses droits jusqu'à la date de fin choisie ou, sans date de fin, tant que vous n'avez pas mis fin à la délégation.",
  "delegation.delegates.services": "Services",
  "delegation.delegates.endsOn": "Date de fin",
  "delegation.delegates.allServices": "Tous les services",
  "delegation.delegates.noEnd": "Aucune",
  "delegation.delegates.edit": "Modifier",
  "delegation.delegates.editFor": "Modifier la délégation de {name}",
  "delegation.delegates.updated": "La délégation de {name} a été modifiée.",
  "delegation.delegates.caption": "Vos délégataires",
  "delegation.delegates.name": "Délégataire",
  "delegation.delegates.email": "Adresse courriel",
  "delegation.delegates.since": "Depuis",
  "delegation.delegates.actions": "Action",
  "delegation.delegates.empty": "Aucun délégataire à afficher",
  "delegation.delegates.add": "Ajouter délégataire",
  "delegation.delegates.remove": "Supprimer",
  "delegation.delegates.removeFor": "Supprimer {name}",
  "delegation.delegates.added":
    "{name} est maintenant votre délégataire. Un courriel vous en informe, ainsi que votre délégataire.",
  "delegation.delegates.removed":
    "{name} n'est plus votre délégataire. Son accès à vos services a pris fin immédiatement.",
  "delegation.delegates.surveyorOnly":
    "La gestion des délégataires est réservée à l'arpenteur-géomètre agissant en son propre nom. Sélectionnez-vous vous-même dans Sélection d'un délégant pour gérer vos délégataires.",

  "delegation.add.title": "Ajouter délégataire",
  "delegation.add.searchBy": "Rechercher par",
  "delegation.add.byUsername": "Nom d'utilisateur",
  "delegation.add.byEmail": "Adresse courriel",
  "delegation.add.usernameField": "Nom d'utilisateur du délégataire",
  "delegation.add.emailField": "Adresse courriel du délégataire",
  "delegation.add.search": "Rechercher",
  "delegation.add.searching": "Recherche en cours…",
  "delegation.add.result": "Résultat de la recherche",
  "delegation.add.lastName": "Nom",
  "delegation.add.firstName": "Prénom",
  "delegation.add.username": "Nom d'utilisateur",
  "delegation.add.email": "Adresse courriel",
  "delegation.add.noResult":
    "Aucun utilisateur ne correspond à cette recherche. Vérifiez le nom d'utilisateur ou l'adresse courriel; la personne doit d'abord avoir créé son identifiant.",
  "delegation.add.resultHint": "Vérifiez que les informations sont exactes, puis cliquez sur Confirmer délégataire.",
  "delegation.add.confirm": "Confirmer délégataire",
  "delegation.add.cancel": "Annuler",
  "delegation.add.conflict": "Cette personne est déjà votre délégataire.",
  "delegation.add.self": "Vous ne pouvez pas vous désigner vous-même comme délégataire.",
  "delegation.add.notFound": "Cet utilisateur est introuvable. Faites une nouvelle recherche.",
  "delegation.add.passwordNotChanged":
    "Le délégataire n'a pas été ajouté : vous devez d'abord changer votre mot de passe.",
  "delegation.add.passwordChanged": "Votre mot de passe a été changé. Ajout du délégataire en cours…",

  "delegation.service.lot_reservation": "Réservation de lot",
  "delegation.service.lot_correction_check": "Vérification de la correction de lots",
  "delegation.service.cadastre_dossiers": "Suivi des dossiers du cadastre",
  "delegation.service.survey_dossiers": "Suivi des dossiers d'arpentage",
  "delegation.service.product_order": "Commande de produits cadastraux",
  "delegation.service.dm_prevalidation": "Prévalidation d'une DM",

  "delegation.scope.services": "Services délégués",
  "delegation.scope.depositNote": "Le dépôt d'une demande de mise à jour du cadastre (DM) n'est jamais délégué.",
  "delegation.scope.endsOn": "Date de fin (facultatif)",
  "delegation.scope.endsOnHint":
    "Dernier jour où la délégation est en vigueur (heure du Québec), au plus trois ans à l'avance. Laissez vide pour une délégation sans date de fin.",
  "delegation.scope.noService": "Choisissez au moins un service.",
  "delegation.scope.badDate": "Choisissez une date entre aujourd'hui et dans trois ans, au format AAAA-MM-JJ.",

  "delegation.edit.title": "Modifier la délégation de {name}",
  "delegation.edit.intro":
    "Retirer un service ou avancer la date de fin prend effet immédiatement. Accorder un service ou reporter la date de fin vous demandera votre mot de passe.",
  "delegation.edit.save": "Enregistrer",
  "delegation.edit.cancel": "Annuler",
  "delegation.edit.notFound": "Cette délégation n'est plus en vigueur.",

  "delegation.reauth.title": "Confirmez votre identité",
  "delegation.reauth.explanation":
    "Pour des raisons de sécurité, entrez de nouveau votre mot de passe avant d'accorder des droits à un délégataire.",
  "delegation.reauth.password": "Mot de passe",
  "delegation.reauth.confirm": "Confirmer",
  "delegation.reauth.notConfirmed": "Rien n'a été modifié : votre identité n'a pas été confirmée.",
  "delegation.reauth.confirmedAdding": "Identité confirmée. Ajout du délégataire en cours…",
  "delegation.reauth.confirmedSaving": "Identité confirmée. Enregistrement en cours…",

  "delegation.password.title": "Changement de mot de passe",
  "delegation.password.warning":
    "Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre.",

  "delegation.remove.title": "Supprimer un délégataire",
  "delegation.remove.question": "Voulez-vous vraiment supprimer {name} ({email}) de vos délégataires?",
  "delegation.remove.effect":
    "Son accès à vos services prendra fin immédiatement et un courriel l'en informera. Vous pourrez le désigner de nouveau plus tard.",
  "delegation.remove.confirm": "Supprimer",
  "delegation.remove.cancel": "Annuler",

  "delegation.selection.title": "Sélection d'un délégant",
  "delegation.selection.intro":
    "Sélectionnez l'arpenteur-géomètre au nom duquel vous voulez intervenir et cliquez sur le bouton Appliquer.",
  "delegation.selection.mustSelect":
    "Vous êtes le délégataire de plus d'un arpenteur-géomètre. Sélectionnez l'arpenteur-géomètre au nom duquel vous voulez intervenir avant d'utiliser les services.",
  "delegation.selection.notActive":
    "La délégation de l'arpenteur-géomètre pour qui vous agissiez n'est plus en vigueur. Sélectionnez un autre délégant.",
  "delegation.selection.caption": "Arpenteurs-géomètres pour qui vous pouvez agir",
  "delegation.selection.select": "Sélection",
  "delegation.selection.matricule": "Matricule",
  "delegation.selection.surveyor": "Arpenteur-géomètre",
  "delegation.selection.actions": "Action",
  "delegation.selection.self": "(vous-même)",
  "delegation.selection.apply": "Appliquer",
  "delegation.selection.required": "Sélectionnez un arpenteur-géomètre.",
  "delegation.selection.current": "Vous agissez au nom de : {name} ({matricule})",
  "delegation.selection.currentNone": "Vous n'agissez actuellement au nom d'aucun arpenteur-géomètre.",
  "delegation.selection.applied": "Vous agissez maintenant au nom de {name} ({matricule}).",
  "delegation.selection.renounce": "Renoncer à cette délégation",
  "delegation.selection.renounceFor": "Renoncer à cette délégation ({name})",

  "delegation.renounce.title": "Renoncer à cette délégation",
  "delegation.renounce.question": "Voulez-vous vraiment renoncer à agir au nom de {name} ({matricule})?",
  "delegation.renounce.effect":
    "Vous ne pourrez plus intervenir en son nom. Seul l'arpenteur-géomètre pourra vous désigner de nouveau comme délégataire. Un courriel l'en informera.",
  "delegation.renounce.confirm": "Renoncer",
  "delegation.renounce.cancel": "Annuler",
  "delegation.renounce.done": "Vous avez renoncé à agir au nom de {name} ({matricule}).",
} as const satisfies Record<string, string>;
