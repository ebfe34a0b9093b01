import { describe, expect, it } from "vitest";
import { fileNameFromContentDisposition } from "./content-disposition";

describe("fileNameFromContentDisposition", () => {
  it("prefers filename* (RFC 8187) over filename", () => {
    expect(
      fileNameFromContentDisposition(
        `attachment; filename="suivi-des-activites-2020-10-14.xlsx"; filename*=UTF-8''suivi-des-activit%C3%A9s-2020-10-14.xlsx`,
      ),
    ).toBe("suivi-des-activités-2020-10-14.xlsx");
    expect(
      fileNameFromContentDisposition(`attachment; filename*=utf-8'fr'r%C3%A9sum%C3%A9.pdf; filename="resume.pdf"`),
    ).toBe("résumé.pdf");
  });

  it("reads a quoted or a token filename", () => {
    expect(fileNameFromContentDisposition(`attachment; filename="suivi \\"2020\\".pdf"`)).toBe('suivi "2020".pdf');
    expect(fileNameFromContentDisposition("attachment; FILENAME=suivi.pdf")).toBe("suivi.pdf");
  });

  it("decodes ISO-8859-1 ext-values and falls back on a broken filename*", () => {
    expect(fileNameFromContentDisposition(`attachment; filename*=iso-8859-1''activit%E9s.pdf`)).toBe("activités.pdf");
    expect(fileNameFromContentDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''%E9%ZZ`)).toBe("a.pdf");
  });

  it("keeps no directory part and gives null without a name", () => {
    expect(fileNameFromContentDisposition(`attachment; filename="../../etc/passwd"`)).toBe("passwd");
    expect(fileNameFromContentDisposition("attachment")).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
    expect(fileNameFromContentDisposition(`attachment; filename=".."`)).toBeNull();
  });
});
