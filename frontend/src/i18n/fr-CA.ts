/**
 * Textes de l'interface, en français (langue par défaut et de référence).
 * Le libellé des écrans reprend celui du guide d'utilisation du ministère.
 */
import { apiTokensFr } from "./fr-CA.apiTokens";
import { activityFr } from "./fr-CA.activity";
import { adminFr } from "./fr-CA.admin";
import { delegationFr } from "./fr-CA.delegation";
import { servicesFr } from "./fr-CA.services";

const base = {
  "app.name": "Mon espace client",
  "app.ministry": "Énergie et Ressources naturelles Québec",
  "app.onlineServices": "Services en ligne",
  "app.loading": "Chargement en cours…",
  "app.skipToContent": "Passer au contenu",
  "app.titleSuffix": "Mon espace client",

  "lang.switch": "English",
  "lang.switchLabel": "Display in English",
  "lang.switchLang": "en-CA",

  "nav.utility": "Liens utilitaires",
  "nav.home": "Accueil",
  "nav.contact": "Nous joindre",
  "nav.quebecPortal": "Portail Québec",
  "nav.quebecCa": "Québec.ca",
  "nav.logout": "Quitter",
  "nav.tabs": "Services de Mon espace client",
  "nav.changePassword": "Changement de mot de passe",
  "nav.userLabel": "Utilisateur connecté :",

  "footer.contact": "Contactez-nous!",
  "footer.accessibility": "Accessibilité",
  "footer.privacy": "Politique de confidentialité",
  "footer.label": "Pied de page",
  "footer.copyright": "© Gouvernement du Québec",

  "form.requiredLegend": "* Ceci indique que le champ est obligatoire",
  "form.required": "Ce champ est obligatoire.",
  "form.hasErrors": "Le formulaire contient des erreurs. Veuillez les corriger.",
  "form.submit": "Soumettre",
  "form.cancel": "Annuler",
  "form.submitting": "Envoi en cours…",
  "form.passwordTooShort": "Le mot de passe doit compter au moins 8 caractères.",
  "form.passwordTooLong": "Le mot de passe doit compter au plus 128 caractères.",
  "form.passwordMismatch": "La confirmation ne correspond pas au mot de passe.",
  "form.passwordHint": "Au moins 8 caractères. Une phrase de passe facile à retenir est recommandée.",
  "form.invalidEmail": "L'adresse courriel n'est pas valide.",
  "form.invalidUsername":
    "Le nom d'utilisateur compte de 3 à 64 caractères : lettres sans accents, chiffres, point, trait d'union ou trait de soulignement.",

  "problem.network": "Le service est momentanément inaccessible. Veuillez réessayer plus tard.",
  "problem.unexpected": "Une erreur inattendue s'est produite. Veuillez réessayer plus tard.",
  "problem.retryAfter": "Veuillez réessayer dans {seconds} secondes.",
  "problem.validation_failed": "Les données soumises sont invalides.",
  "problem.unauthenticated": "Authentification requise ou refusée.",
  "problem.forbidden": "Vous n'avez pas accès à cette action.",
  "problem.not_found": "La ressource demandée est introuvable.",
  "problem.conflict": "La demande est en conflit avec l'état actuel des données.",
  "problem.rate_limited": "Trop de tentatives.",
  "problem.password_change_required": "Vous devez changer votre mot de passe avant de poursuivre.",
  "problem.no_delegation":
    "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom. Veuillez communiquer avec un arpenteur-géomètre et attendre le courriel de confirmation vous informant que l'arpenteur-géomètre délégant vous a désigné comme délégataire.",
  "problem.surveyor_only": "Ce service est réservé aux arpenteurs-géomètres.",
  "problem.delegation_not_active": "Cette délégation n'est plus en vigueur.",
  "problem.admin_only": "Cette action est réservée au ministère.",
  "problem.payload_too_large": "La demande est trop volumineuse.",
  "problem.unsupported_media_type": "Le format de la demande n'est pas pris en charge.",
  "problem.method_not_allowed": "Cette opération n'est pas permise.",
  "problem.unavailable": "Le service est momentanément indisponible.",
  "problem.internal": "Une erreur interne s'est produite.",

  "login.title": "Authentification",
  "login.intro":
    "Ce service d'authentification vous permet d'accéder de façon plus sécuritaire à Infolot, au Registre du domaine de l'État et à l'Espace client (section réservée aux arpenteurs-géomètres).",
  "login.introFirstTimeBefore":
    "Si vous vous apprêtez à utiliser ce service d'authentification pour la première fois, veuillez d'abord créer un compte en cliquant sur",
  "login.introFirstTimeMiddle": ". Sinon, entrez votre nom d'utilisateur et votre mot de passe et cliquez sur",
  "login.introFirstTimeAfter": ".",
  "login.username": "Nom d'utilisateur",
  "login.password": "Mot de passe",
  "login.submit": "Se connecter",
  "login.newUser": "Je suis un nouvel utilisateur",
  "login.forgotBefore": "J'ai oublié mon",
  "login.forgotUsername": "nom d'utilisateur",
  "login.forgotOr": "ou mon",
  "login.forgotPassword": "mot de passe",
  "login.noticeAccountCreated": "Votre identifiant a été créé. Vous pouvez maintenant vous connecter.",
  "login.noticePasswordReset": "Votre mot de passe a été changé. Vous pouvez maintenant vous connecter.",
  "login.noticeLoggedOut": "Vous avez quitté Mon espace client.",
  "login.noticeSessionExpired": "Votre session a pris fin. Veuillez vous connecter de nouveau.",

  "signup.title": "Création d'un identifiant",
  "signup.intro":
    "Remplissez ce formulaire pour créer votre identifiant (nom d'utilisateur et mot de passe). Vous pourrez ensuite transmettre votre nom d'utilisateur ou votre adresse courriel à l'arpenteur-géomètre qui vous désignera comme délégataire.",
  "signup.username": "Nom d'utilisateur",
  "signup.email": "Adresse courriel",
  "signup.firstName": "Prénom",
  "signup.lastName": "Nom",
  "signup.password": "Mot de passe",
  "signup.confirmPassword": "Confirmer le mot de passe",
  "signup.usernameHint":
    "De 3 à 64 caractères : lettres sans accents, chiffres, point, trait d'union ou trait de soulignement.",
  "signup.submit": "Créer mon identifiant",
  "signup.backToLogin": "Retour à l'authentification",

  "forgotUsername.title": "Nom d'utilisateur oublié",
  "forgotUsername.intro":
    "Entrez l'adresse courriel associée à votre identifiant. Si un compte y est associé, votre nom d'utilisateur vous sera transmis par courriel.",
  "forgotUsername.email": "Adresse courriel",
  "forgotUsername.sent":
    "Si un compte est associé à cette adresse courriel, votre nom d'utilisateur vous a été transmis par courriel.",

  "forgotPassword.title": "Mot de passe oublié",
  "forgotPassword.intro":
    "Entrez votre nom d'utilisateur ou l'adresse courriel associée à votre identifiant. Si le compte existe, un courriel contenant un lien de réinitialisation valable une heure vous sera transmis.",
  "forgotPassword.identifier": "Nom d'utilisateur ou adresse courriel",
  "forgotPassword.sent":
    "Si un compte correspond à ces renseignements, un courriel contenant un lien de réinitialisation vous a été transmis. Ce lien est valable une heure et ne peut servir qu'une fois.",

  "reset.title": "Réinitialisation du mot de passe",
  "reset.intro": "Choisissez votre nouveau mot de passe.",
  "reset.missingToken":
    "Le lien de réinitialisation est incomplet. Veuillez utiliser le lien reçu par courriel ou faire une nouvelle demande.",
  "reset.newRequest": "Faire une nouvelle demande de réinitialisation",
  "reset.newPassword": "Nouveau mot de passe",
  "reset.confirmPassword": "Confirmer le nouveau mot de passe",

  "changePassword.title": "Changement de mot de passe",
  "changePassword.currentPassword": "Ancien mot de passe",
  "changePassword.newPassword": "Nouveau mot de passe",
  "changePassword.confirmPassword": "Confirmer le nouveau mot de passe",
  "changePassword.success": "Votre mot de passe a été changé.",
  "changePassword.warningTitle": "Avertissement",

  "portal.actingFor": "{name} ({matricule})",
  "portal.actingForUntil": "— délégation en vigueur jusqu'au",
  "portal.actingForLabel": "Arpenteur-géomètre pour qui vous agissez :",
  "portal.noDelegation":
    "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom. Veuillez communiquer avec un arpenteur-géomètre et attendre le courriel de confirmation vous informant que l'arpenteur-géomètre délégant vous a désigné comme délégataire.",
  "portal.meError": "Impossible d'obtenir les renseignements de votre compte.",
  "portal.retry": "Réessayer",
  "portal.tab.cadastre": "Cadastre",
  "portal.tab.arpentage": "Arpentage",
  "portal.tab.delegation": "Délégation",
  "portal.tab.admin": "Administration",
  "portal.cadastre.description":
    "Services liés au cadastre : réservation de lots et plans complémentaires en TR, vérification de la correction de lots, suivi des dossiers du cadastre, commande de produits cadastraux, prévalidation et dépôt d'une demande de mise à jour du cadastre (DM).",
  "portal.arpentage.description":
    "Services liés à l'arpentage : suivi des dossiers d'arpentage, y compris le prolongement de la date de fermeture.",
  "portal.delegation.description":
    "Services de délégation : gestion des délégataires, sélection d'un délégant et suivi des activités.",

  "notFound.title": "Page introuvable",
  "notFound.body": "La page demandée n'existe pas ou a été déplacée.",
  "notFound.home": "Retour à l'accueil",
} as const satisfies Record<string, string>;

/** Every text of the interface: the shell's, then each feature's own file. */
export const frCA = {
  ...base,
  ...delegationFr,
  ...activityFr,
  ...servicesFr,
  ...adminFr,
  ...apiTokensFr,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof frCA;
