import { apiTokensEn } from "./en-CA.apiTokens";
import { activityEn } from "./en-CA.activity";
import { adminEn } from "./en-CA.admin";
import { delegationEn } from "./en-CA.delegation";
import type { MessageKey } from "./fr-CA";
import { servicesEn } from "./en-CA.services";

/** English (Canada) texts. Every key of the French dictionary must be present. */
const base = {
  "app.name": "Mon espace client",
  "app.ministry": "Énergie et Ressources naturelles Québec",
  "app.onlineServices": "Online services",
  "app.loading": "Loading…",
  "app.skipToContent": "Skip to content",
  "app.titleSuffix": "Mon espace client",

  "lang.switch": "Français",
  "lang.switchLabel": "Afficher en français",
  "lang.switchLang": "fr-CA",

  "nav.utility": "Utility links",
  "nav.home": "Home",
  "nav.contact": "Contact us",
  "nav.quebecPortal": "Québec Portal",
  "nav.quebecCa": "Québec.ca",
  "nav.logout": "Log out",
  "nav.tabs": "Mon espace client services",
  "nav.changePassword": "Change password",
  "nav.userLabel": "Signed in as:",

  "footer.contact": "Contact us!",
  "footer.accessibility": "Accessibility",
  "footer.privacy": "Privacy policy",
  "footer.label": "Footer",
  "footer.copyright": "© Gouvernement du Québec",

  "form.requiredLegend": "* Indicates a required field",
  "form.required": "This field is required.",
  "form.hasErrors": "The form contains errors. Please correct them.",
  "form.submit": "Submit",
  "form.cancel": "Cancel",
  "form.submitting": "Sending…",
  "form.passwordTooShort": "The password must be at least 8 characters long.",
  "form.passwordTooLong": "The password must be at most 128 characters long.",
  "form.passwordMismatch": "The confirmation does not match the password.",
  "form.passwordHint": "At least 8 characters. An easy-to-remember passphrase is recommended.",
  "form.invalidEmail": "The email address is not valid.",
  "form.invalidUsername":
    "The username has 3 to 64 characters: unaccented letters, digits, period, hyphen or underscore.",

  "problem.network": "The service is temporarily unreachable. Please try again later.",
  "problem.unexpected": "An unexpected error occurred. Please try again later.",
  "problem.retryAfter": "Please try again in {seconds} seconds.",
  "problem.validation_failed": "The submitted data is invalid.",
  "problem.unauthenticated": "Authentication is required or was refused.",
  "problem.forbidden": "You do not have access to this action.",
  "problem.not_found": "The requested resource was not found.",
  "problem.conflict": "The request conflicts with the current state of the data.",
  "problem.rate_limited": "Too many attempts.",
  "problem.password_change_required": "You must change your password before continuing.",
  "problem.no_delegation":
    "To access the site, a land surveyor must first designate you as a delegate to act on their behalf. Please contact a land surveyor and wait for the confirmation email informing you that the delegating land surveyor has designated you as a delegate.",
  "problem.surveyor_only": "This service is reserved for land surveyors.",
  "problem.delegation_not_active": "This delegation is no longer in effect.",
  "problem.admin_only": "This action is reserved for the ministry.",
  "problem.payload_too_large": "The request is too large.",
  "problem.unsupported_media_type": "The request format is not supported.",
  "problem.method_not_allowed": "This operation is not allowed.",
  "problem.unavailable": "The service is temporarily unavailable.",
  "problem.internal": "An internal error occurred.",

  "login.title": "Authentication",
  "login.intro":
    "This authentication service gives you more secure access to Infolot, the Registre du domaine de l'État and the Espace client (section reserved for land surveyors).",
  "login.introFirstTimeBefore":
    "If you are about to use this authentication service for the first time, please first create an account by clicking",
  "login.introFirstTimeMiddle": ". Otherwise, enter your username and password and click",
  "login.introFirstTimeAfter": ".",
  "login.username": "Username",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.newUser": "I am a new user",
  "login.forgotBefore": "I forgot my",
  "login.forgotUsername": "username",
  "login.forgotOr": "or my",
  "login.forgotPassword": "password",
  "login.noticeAccountCreated": "Your account has been created. You can now log in.",
  "login.noticePasswordReset": "Your password has been changed. You can now log in.",
  "login.noticeLoggedOut": "You have logged out of Mon espace client.",
  "login.noticeSessionExpired": "Your session has ended. Please log in again.",

  "signup.title": "Account creation",
  "signup.intro":
    "Fill in this form to create your account (username and password). You can then give your username or email address to the land surveyor who will designate you as a delegate.",
  "signup.username": "Username",
  "signup.email": "Email address",
  "signup.firstName": "First name",
  "signup.lastName": "Last name",
  "signup.password": "Password",
  "signup.confirmPassword": "Confirm password",
  "signup.usernameHint": "3 to 64 characters: unaccented letters, digits, period, hyphen or underscore.",
  "signup.submit": "Create my account",
  "signup.backToLogin": "Back to authentication",

  "forgotUsername.title": "Forgotten username",
  "forgotUsername.intro":
    "Enter the email address associated with your account. If an account is associated with it, your username will be sent to you by email.",
  "forgotUsername.email": "Email address",
  "forgotUsername.sent":
    "If an account is associated with this email address, your username has been sent to you by email.",

  "forgotPassword.title": "Forgotten password",
  "forgotPassword.intro":
    "Enter your username or the email address associated with your account. If the account exists, an email containing a reset link valid for one hour will be sent to you.",
  "forgotPassword.identifier": "Username or email address",
  "forgotPassword.sent":
    "If an account matches this information, an email containing a reset link has been sent to you. The link is valid for one hour and can be used only once.",

  "reset.title": "Password reset",
  "reset.intro": "Choose your new password.",
  "reset.missingToken": "The reset link is incomplete. Please use the link received by email or make a new request.",
  "reset.newRequest": "Make a new reset request",
  "reset.newPassword": "New password",
  "reset.confirmPassword": "Confirm new password",

  "changePassword.title": "Change password",
  "changePassword.currentPassword": "Current password",
  "changePassword.newPassword": "New password",
  "changePassword.confirmPassword": "Confirm new password",
  "changePassword.success": "Your password has been changed.",
  "changePassword.warningTitle": "Warning",

  "portal.actingFor": "{name} ({matricule})",
  "portal.actingForUntil": "— delegation in force until",
  "portal.actingForLabel": "Land surveyor you act for:",
  "portal.noDelegation":
    "To access the site, a land surveyor must first designate you as a delegate to act on their behalf. Please contact a land surveyor and wait for the confirmation email informing you that the delegating land surveyor has designated you as a delegate.",
  "portal.meError": "Unable to retrieve your account information.",
  "portal.retry": "Try again",
  "portal.tab.cadastre": "Cadastre",
  "portal.tab.arpentage": "Surveying",
  "portal.tab.delegation": "Delegation",
  "portal.tab.admin": "Administration",
  "portal.cadastre.description":
    "Cadastre services: reservation of lots and complementary plans in TR, lot correction check, cadastre file tracking, ordering of cadastral products, pre-validation and filing of a cadastre update request (DM).",
  "portal.arpentage.description": "Surveying services: survey file tracking, including extension of the closing date.",
  "portal.delegation.description":
    "Delegation services: delegate management, selection of a delegating surveyor and activity tracking.",

  "notFound.title": "Page not found",
  "notFound.body": "The requested page does not exist or has been moved.",
  "notFound.home": "Back to home",
};

/** English (Canada) texts: the shell's, then each feature's own file. */
export const enCA: Record<MessageKey, string> = {
  ...base,
  ...delegationEn,
  ...activityEn,
  ...servicesEn,
  ...adminEn,
  ...apiTokensEn,
};
