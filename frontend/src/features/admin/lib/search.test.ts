import { describe, expect, it } from "vitest";
import { surveyors } from "../test/render";
import { filterSurveyors, normalize } from "./search";

const matricules = (query: string) => filterSurveyors(surveyors, query).map((s) => s.matricule);

describe("filterSurveyors", () => {
  it("keeps everyone for an empty or blank query", () => {
    expect(matricules("")).toEqual(["5001", "5002", "5003", "15004"]);
    expect(matricules("   ")).toEqual(["5001", "5002", "5003", "15004"]);
  });

  it("matches the last name, first name, username or matricule, whatever the case and accents", () => {
    expect(matricules("lavoie")).toEqual(["5001"]);
    expect(matricules("EDITH")).toEqual(["15004"]);
    expect(matricules("trepanier")).toEqual(["15004"]);
    expect(matricules("jpiette")).toEqual(["5003"]);
    expect(matricules("5004")).toEqual(["15004"]);
    expect(matricules("500")).toEqual(["5001", "5002", "5003", "15004"]);
  });

  it("needs every word: « Jean Piette » and « Piette Jean » but not « Jean Lavoie »", () => {
    expect(matricules("Jean Piette")).toEqual(["5003"]);
    expect(matricules("piette  jean")).toEqual(["5003"]);
    expect(matricules("Jean Lavoie")).toEqual([]);
  });

  it("does not look at the e-mail address", () => {
    expect(matricules("exemple.qc.ca")).toEqual([]);
  });
});

describe("normalize", () => {
  it("drops accents, case and extra spaces", () => {
    expect(normalize("  Édith   TRÉPANIER ")).toBe("edith trepanier");
  });
});
