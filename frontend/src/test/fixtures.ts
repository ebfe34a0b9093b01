/**
 * Test data typed by the contract (components["schemas"] of the generated types): a field the
 * API adds or makes required breaks the build of the tests here, not silently in one of them.
 */
import type { components } from "@/lib/api/schema.gen";
import { delegableServices } from "@/lib/auth/me";

type Schemas = components["schemas"];
/** A schema of openapi.yaml by name, e.g. Schema<"Me">. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** Every delegable service (SPEC §11), in the contract's order. */
export const allServices: Schema<"DelegableService">[] = [...delegableServices];

/** Someone of the tests: a surveyor when they have a matricule. */
export interface Person {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  matricule?: string;
}

/** The surveyor a session acts for: every service, no end date, unless told otherwise. */
export function actingFor(surveyor: Person, overrides: Partial<Schema<"ActingFor">> = {}): Schema<"ActingFor"> {
  return {
    userId: surveyor.id,
    matricule: surveyor.matricule ?? "",
    firstName: surveyor.firstName,
    lastName: surveyor.lastName,
    services: [...allServices],
    endsOn: null,
    ...overrides,
  };
}

/**
 * GET /me of a person: a surveyor acts for themself (with every service, §11), anyone else for
 * nobody; not an administrator, no choice pending, no delegation ended.
 */
export function meOf(person: Person, overrides: Partial<Schema<"Me">> = {}): Schema<"Me"> {
  return {
    id: person.id,
    username: person.username,
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    surveyor: person.matricule ? { matricule: person.matricule } : null,
    actingFor: person.matricule ? actingFor(person) : null,
    mustSelectDelegant: false,
    delegationEnded: false,
    isAdmin: false,
    passwordChangedAt: "2026-10-28T10:00:00Z",
    ...overrides,
  };
}

/** A page of a list answer (page 1, 10 a page unless told otherwise). */
export function pageOf<T>(
  items: T[],
  {
    page = 1,
    pageSize = 10,
    totalItems = items.length,
  }: { page?: number; pageSize?: number; totalItems?: number } = {},
): { items: T[]; page: number; pageSize: number; totalItems: number; totalPages: number } {
  return { items, page, pageSize, totalItems, totalPages: Math.ceil(totalItems / pageSize) };
}

/** A surveyor in GET /delegants: delegated to the user (not themself) with every service since `since`. */
export function delegantOf(
  surveyor: Person,
  since: string | null,
  overrides: Partial<Schema<"Delegant">> = {},
): Schema<"Delegant"> {
  const { userId, matricule, firstName, lastName, services, endsOn } = actingFor(surveyor);
  return {
    userId,
    username: surveyor.username,
    matricule,
    firstName,
    lastName,
    since,
    self: false,
    services,
    endsOn,
    ...overrides,
  };
}
