import { json } from "@/test/api-mock";

const marieId = "5b0c7a1e-0000-4000-8000-000000005004";
const edithId = "5b0c7a1e-0000-4000-8000-00000000e001";
const claireId = "5b0c7a1e-0000-4000-8000-000000005001";
const jeanId = "5b0c7a1e-0000-4000-8000-000000005003";

export const ids = { marie: marieId, edith: edithId, claire: claireId, jean: jeanId };

/** Marie Tremblay, surveyor 5004, acting for herself. */
export const marie = {
  id: marieId,
  username: "mtremblay",
  email: "marie.tremblay@exemple.qc.ca",
  firstName: "Marie",
  lastName: "Tremblay",
  surveyor: { matricule: "5004" },
  actingFor: {
    userId: marieId,
    matricule: "5004",
    firstName: "Marie",
    lastName: "Tremblay",
    services: [
      "lot_reservation",
      "lot_correction_check",
      "cadastre_dossiers",
      "survey_dossiers",
      "product_order",
      "dm_prevalidation",
    ],
    endsOn: null,
  },
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-10-28T10:00:00Z",
};

/** Édith Descartes, délégataire of several surveyors, who has not chosen yet. */
export const edith = {
  id: edithId,
  username: "edescartes",
  email: "edith.descartes@exemple.qc.ca",
  firstName: "Édith",
  lastName: "Descartes",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: true,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};

export const edithCandidate = {
  userId: edithId,
  lastName: "Descartes",
  firstName: "Édith",
  username: "edescartes",
  email: "edith.descartes@exemple.qc.ca",
};

export const allServices = [
  "lot_reservation",
  "lot_correction_check",
  "cadastre_dossiers",
  "survey_dossiers",
  "product_order",
  "dm_prevalidation",
] as const;

export const edithDelegate = {
  ...edithCandidate,
  since: "2020-10-14T14:30:00Z",
  lastActivityAt: null,
  services: [...allServices],
  endsOn: null as string | null,
};

export const delegantsOfEdith = [
  {
    userId: claireId,
    matricule: "5001",
    firstName: "Claire",
    lastName: "Lavoie",
    since: "2020-10-07T12:00:00Z",
    self: false,
    services: [...allServices],
    endsOn: null,
  },
  {
    userId: jeanId,
    matricule: "5003",
    firstName: "Jean",
    lastName: "Piette",
    since: "2020-09-30T12:00:00Z",
    self: false,
    services: [...allServices],
    endsOn: null,
  },
  {
    userId: marieId,
    matricule: "5004",
    firstName: "Marie",
    lastName: "Tremblay",
    since: "2026-11-27T12:00:00Z",
    self: false,
    services: [...allServices],
    endsOn: null,
  },
];

export function tokens(accessToken: string) {
  return json({ accessToken, tokenType: "Bearer", expiresIn: 600 });
}
