import { describe, expect, it } from "vitest";
import { displayNameProblem, graphemeCount, NAME_MAX_GRAPHEMES, normalizeDisplayName } from "./display-name";

const check = (raw: string, hosts: string[] = []) => displayNameProblem(normalizeDisplayName(raw), hosts);

describe("display name rule", () => {
  it("accepts ordinary names in any script, trimmed", () => {
    expect(normalizeDisplayName("  Sam   K.  ")).toBe("Sam K.");
    for (const name of ["Sam", "José", "Zoë M", "李小龍", "محمد", "Bill W.", "A"]) expect(check(name)).toBeNull();
  });

  it("counts visible characters, not code units: 32 emoji with modifiers fit, 33 letters do not", () => {
    const family = "👨‍👩‍👧‍👦";
    expect(graphemeCount(family)).toBe(1);
    expect(check(family.repeat(NAME_MAX_GRAPHEMES))).toBeNull();
    expect(check("é".normalize("NFD").repeat(32))).toBeNull();
    expect(check("x".repeat(32))).toBeNull();
    expect(check("x".repeat(33))).toBe("too_long");
  });

  it("refuses empty, links, angle brackets, control and bidi-override characters", () => {
    expect(check("   ")).toBe("empty");
    expect(check("visit spam.ru")).toBe("link");
    expect(check("https://x.y/z")).toBe("link");
    expect(check("www.example")).toBe("link");
    expect(check("<b>Sam</b>")).toBe("angle_brackets");
    expect(check("Sam\u0007")).toBe("control");
    expect(check("Sam\u202Egnp.exe")).toBe("control");
    expect(check("\u2067Sam\u2069")).toBe("control");
    expect(check("Sam\u200F")).toBe("control");
  });

  it("refuses names made only of zero-width or blank characters", () => {
    expect(check("\u200B\u200B")).toBe("invisible");
    expect(check("\u200D\uFEFF\u2060")).toBe("invisible");
    expect(check("\u3164")).toBe("invisible");
    expect(check("Sam\u200B")).toBeNull();
  });

  it("refuses a host's name in the room, case-insensitively", () => {
    expect(check("chair", ["Chair", "Pat"])).toBe("host_name");
    expect(check("PAT", ["Chair", "Pat"])).toBe("host_name");
    expect(check("Pat S", ["Chair", "Pat"])).toBeNull();
  });
});
