/** Lower case, without accents or extra spaces: « Édith  » and « edith » match. */
export function normalize(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

interface Searchable {
  firstName: string;
  lastName: string;
  username: string;
  matricule: string;
}

/**
 * The surveyors whose name (first name, last name, or both in either order), username or
 * matricule contains every word of the query. An empty query keeps them all.
 */
export function filterSurveyors<T extends Searchable>(surveyors: readonly T[], query: string): T[] {
  const words = normalize(query).split(" ").filter(Boolean);
  if (words.length === 0) return [...surveyors];
  return surveyors.filter((surveyor) => {
    const haystack = normalize(
      [surveyor.firstName, surveyor.lastName, surveyor.username, surveyor.matricule].join(" "),
    );
    return words.every((word) => haystack.includes(word));
  });
}
