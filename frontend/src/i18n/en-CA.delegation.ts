import type { delegationFr } from "./fr-CA.delegation";

/** English texts of the « delegation » feature; every French key must be present. */
export const delegationEn: Record<keyof typeof delegationFr, string> = {
  "delegation.title": "Delegation",
  "delegation.subtabs": "Delegation",
  "delegation.tab.delegates": "Delegate management",
  "delegation.tab.selection": "Selection of a delegating surveyor",
  "delegation.tab.activities": "Activity tracking",
  "delegation.loadError": "Unable to get the delegation information.",
  "delegation.retry": "Try again",

  "delegation.delegates.title": "Delegate management",
  "delegation.delegates.intro":
    "Delegates may act on your behalf in every service of Mon espace client, except the filing of a cadastre update request (DM). A delegate keeps these rights until you end the delegation.",
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
