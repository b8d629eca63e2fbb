import { describe, expect, it } from "vitest";
import { meetingCreateSchema, randomPasscode, slugify } from "./meeting-input";

describe("slugify", () => {
  it("makes URL-safe slugs of at most 56 characters", () => {
    expect(slugify("Grupo Nueva Esperanza — Reunión")).toBe("grupo-nueva-esperanza-reunion");
    expect(slugify("!!!")).toBe("meeting");
    expect(slugify("a".repeat(80)).length).toBe(56);
  });
});

describe("randomPasscode", () => {
  it("is six digits", () => {
    for (let i = 0; i < 50; i++) expect(randomPasscode()).toMatch(/^\d{6}$/);
  });
});

describe("meetingCreateSchema", () => {
  const valid = {
    groupId: "g",
    name: "N",
    types: ["O"],
    timezone: "UTC",
    schedule: { days: [1], startTime: "00:00", durationMinutes: 15 },
  };

  it("fills defaults and accepts edge values", () => {
    expect(meetingCreateSchema.parse(valid)).toMatchObject({
      visibility: "public",
      waitingRoom: false,
      chatRetention: "end",
      languages: ["EN"],
    });
    expect(
      meetingCreateSchema.safeParse({ ...valid, schedule: { days: [0, 6], startTime: "23:59", durationMinutes: 600 } })
        .success,
    ).toBe(true);
  });

  it("refuses repeated days, 24:00, passcode with rotate, and a non-https conference link", () => {
    const paths = (input: unknown) => meetingCreateSchema.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(paths({ ...valid, schedule: { days: [1, 1], startTime: "07:00", durationMinutes: 60 } })).toEqual([
      "schedule.days",
    ]);
    expect(paths({ ...valid, schedule: { days: [1], startTime: "24:00", durationMinutes: 60 } })).toEqual([
      "schedule.startTime",
    ]);
    expect(paths({ ...valid, passcode: "123456", rotatePasscode: true })).toEqual(["rotatePasscode"]);
    expect(paths({ ...valid, conference: { url: "http://zoom.example" } })).toEqual(["conference.url"]);
  });
});
