import type { delegationFr } from "./fr-CA.delegation";

/** English texts of the « delegation » feature; every French key must be present. */
export const delegationEn: Record<keyof typeof delegationFr, string> = {
  "delegation.title": "Delegation",
  "delegation.subtabs": "Delegation",
  "delegation.tab.delegates": "Delegate management",
  "delegation.tab.selection": "Selection of a delegating surveyor",
  "delegation.tab.activities": "Activity tracking",
  "delegation.loadError": "Unable to get the delegation information.",

  "delegation.delegates.title": "Delegate management",
  "delegation.delegates.intro":
    "Delegates can act on your behalf in the services you grant them, except filing a cadastre update request (DM). A delegate keeps their rights until the end date you chose or, without one, until you end the delegation.",
  "delegation.delegates.services": "Services",
  "delegation.delegates.endsOn": "End date",
  "delegation.delegates.allServices": "All services",
  "delegation.delegates.noEnd": "None",
  "delegation.delegates.edit": "Edit",
  "delegation.delegates.editFor": "Edit the delegation of {name}",
  "delegation.delegates.updated": "The delegation of {name} has been changed.",
  "delegation.delegates.caption": "Your delegates",
  "delegation.delegates.name": "Delegate",
  "delegation.delegates.email": "Email address",
  "delegation.delegates.since": "Since",
  "delegation.delegates.actions": "Action",
  "delegation.delegates.empty": "No delegate to display",
  "delegation.delegates.add": "Add delegate",
  "delegation.delegates.remove": "Remove",
  "delegation.delegates.removeFor": "Remove {name}",
  "delegation.delegates.added": "{name} is now your delegate. You and your delegate are informed by email.",
  "delegation.delegates.removed": "{name} is no longer your delegate. Their access to your services ended immediately.",
  "delegation.delegates.surveyorOnly":
    "Delegate management is reserved for a surveyor acting in their own name. Select yourself in Selection of a delegating surveyor to manage your delegates.",

  "delegation.add.title": "Add delegate",
  "delegation.add.searchBy": "Search by",
  "delegation.add.byUsername": "Username",
  "delegation.add.byEmail": "Email address",
  "delegation.add.usernameField": "Delegate's username",
  "delegation.add.emailField": "Delegate's email address",
  "delegation.add.search": "Search",
  "delegation.add.searching": "Searching…",
  "delegation.add.result": "Search result",
  "delegation.add.lastName": "Last name",
  "delegation.add.firstName": "First name",
  "delegation.add.username": "Username",
  "delegation.add.email": "Email address",
  "delegation.add.noResult":
    "No user matches this search. Check the username or the email address; the person must first have created their credentials.",
  "delegation.add.resultHint": "Check that the information is correct, then click Confirm delegate.",
  "delegation.add.confirm": "Confirm delegate",
  "delegation.add.cancel": "Cancel",
  "delegation.add.conflict": "This person is already your delegate.",
  "delegation.add.self": "You cannot designate yourself as your own delegate.",
  "delegation.add.notFound": "This user cannot be found. Search again.",
  "delegation.add.passwordNotChanged": "The delegate was not added: you must first change your password.",
  "delegation.add.passwordChanged": "Your password has been changed. Adding the delegate…",

  "delegation.service.lot_reservation": "Lot reservation",
  "delegation.service.lot_correction_check": "Lot correction check",
  "delegation.service.cadastre_dossiers": "Cadastre dossiers",
  "delegation.service.survey_dossiers": "Survey dossiers",
  "delegation.service.product_order": "Cadastral product orders",
  "delegation.service.dm_prevalidation": "DM prevalidation",

  "delegation.scope.services": "Delegated services",
  "delegation.scope.depositNote": "Filing a cadastre update request (DM) is never delegated.",
  "delegation.scope.endsOn": "End date (optional)",
  "delegation.scope.endsOnHint":
    "Last day the delegation is in force (Québec time), at most three years ahead. Leave empty for a delegation without an end date.",
  "delegation.scope.noService": "Choose at least one service.",
  "delegation.scope.badDate": "Choose a date between today and three years from now, formatted YYYY-MM-DD.",

  "delegation.edit.title": "Edit the delegation of {name}",
  "delegation.edit.intro":
    "Removing a service or moving the end date earlier takes effect at once. Granting a service or moving the end date later will ask for your password.",
  "delegation.edit.save": "Save",
  "delegation.edit.cancel": "Cancel",
  "delegation.edit.notFound": "This delegation is no longer in force.",

  "delegation.reauth.title": "Confirm your identity",
  "delegation.reauth.explanation":
    "For security reasons, enter your password again before granting rights to a delegate.",
  "delegation.reauth.password": "Password",
  "delegation.reauth.confirm": "Confirm",
  "delegation.reauth.notConfirmed": "Nothing was changed: your identity was not confirmed.",
  "delegation.reauth.confirmedAdding": "Identity confirmed. Adding the delegate…",
  "delegation.reauth.confirmedSaving": "Identity confirmed. Saving…",

  "delegation.password.title": "Password change",
  "delegation.password.warning":
    "For security reasons, since you are registering your first delegate, you must change your password before continuing.",

  "delegation.remove.title": "Remove a delegate",
  "delegation.remove.question": "Do you really want to remove {name} ({email}) from your delegates?",
  "delegation.remove.effect":
    "Their access to your services will end immediately and they will be informed by email. You may designate them again later.",
  "delegation.remove.confirm": "Remove",
  "delegation.remove.cancel": "Cancel",

  "delegation.selection.title": "Selection of a delegating surveyor",
  "delegation.selection.intro": "Select the surveyor on whose behalf you want to act and click the Apply button.",
  "delegation.selection.mustSelect":
    "You are the delegate of more than one surveyor. Select the surveyor on whose behalf you want to act before using the services.",
  "delegation.selection.notActive":
    "The delegation of the surveyor you were acting for is no longer in force. Select another delegating surveyor.",
  "delegation.selection.caption": "Surveyors you may act for",
  "delegation.selection.select": "Selection",
  "delegation.selection.matricule": "Licence number",
  "delegation.selection.surveyor": "Land surveyor",
  "delegation.selection.actions": "Action",
  "delegation.selection.self": "(yourself)",
  "delegation.selection.apply": "Apply",
  "delegation.selection.required": "Select a surveyor.",
  "delegation.selection.current": "You are acting on behalf of: {name} ({matricule})",
  "delegation.selection.currentNone": "You are not currently acting on behalf of any surveyor.",
  "delegation.selection.applied": "You are now acting on behalf of {name} ({matricule}).",
  "delegation.selection.renounce": "Give up this delegation",
  "delegation.selection.renounceFor": "Give up this delegation ({name})",

  "delegation.renounce.title": "Give up this delegation",
  "delegation.renounce.question": "Do you really want to stop acting on behalf of {name} ({matricule})?",
  "delegation.renounce.effect":
    "You will no longer be able to act on their behalf. Only the surveyor can designate you as a delegate again. They will be informed by email.",
  "delegation.renounce.confirm": "Give up",
  "delegation.renounce.cancel": "Cancel",
  "delegation.renounce.done": "You gave up acting on behalf of {name} ({matricule}).",
};
