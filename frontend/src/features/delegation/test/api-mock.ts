import type { Me } from "@/lib/auth/me";
import { json } from "@/test/api-mock";
import { testTokens } from "@/test/session";
import { allServices, delegantOf, meOf, type Person, type Schema } from "@/test/fixtures";

const marieId = "5b0c7a1e-0000-4000-8000-000000005004";
const edithId = "5b0c7a1e-0000-4000-8000-00000000e001";
const claireId = "5b0c7a1e-0000-4000-8000-000000005001";
const jeanId = "5b0c7a1e-0000-4000-8000-000000005003";

export const ids = { marie: marieId, edith: edithId, claire: claireId, jean: jeanId };

const marieAsPerson: Person = {
  id: marieId,
  username: "mtremblay",
  email: "marie.tremblay@exemple.qc.ca",
  firstName: "Marie",
  lastName: "Tremblay",
  matricule: "5004",
};

/** Marie Tremblay, surveyor 5004, acting for herself. */
export const marie: Me = meOf(marieAsPerson);

/** Édith Descartes, délégataire of several surveyors, who has not chosen yet. */
export const edith: Me = meOf(
  {
    id: edithId,
    username: "edescartes",
    email: "edith.descartes@exemple.qc.ca",
    firstName: "Édith",
    lastName: "Descartes",
  },
  { mustSelectDelegant: true },
);

export const edithCandidate: Schema<"DelegateCandidate"> = {
  userId: edithId,
  lastName: "Descartes",
  firstName: "Édith",
  username: "edescartes",
  email: "edith.descartes@exemple.qc.ca",
};

export const edithDelegate: Schema<"Delegate"> = {
  ...edithCandidate,
  since: "2020-10-14T14:30:00Z",
  lastActivityAt: null,
  services: [...allServices],
  endsOn: null,
};

const claire: Person = {
  id: claireId,
  username: "clavoie",
  email: "claire.lavoie@exemple.qc.ca",
  firstName: "Claire",
  lastName: "Lavoie",
  matricule: "5001",
};
const jean: Person = {
  id: jeanId,
  username: "jpiette",
  email: "jean.piette@exemple.qc.ca",
  firstName: "Jean",
  lastName: "Piette",
  matricule: "5003",
};

export const delegantsOfEdith: Schema<"Delegant">[] = [
  delegantOf(claire, "2020-10-07T12:00:00Z"),
  delegantOf(jean, "2020-09-30T12:00:00Z"),
  delegantOf(marieAsPerson, "2026-11-27T12:00:00Z"),
];

export function tokens(accessToken: string) {
  return json({ ...testTokens, accessToken });
}
