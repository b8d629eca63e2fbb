import { describe, expect, it } from "vitest";
import { type EditableMeeting, emptyMeeting, formFromMeeting, meetingBody } from "./form-state";

/** A meeting as the API answers it (public, plain), with what a test changes. */
const apiMeeting = (over: Partial<EditableMeeting> = {}): EditableMeeting => ({
  name: "N",
  description: null,
  types: [],
  languages: ["EN"],
  timezone: "UTC",
  schedule: { days: [1], startTime: "10:00", durationMinutes: 60 },
  visibility: "public",
  waitingRoom: false,
  capacity: null,
  chatRetention: "end",
  passcodeAccess: "ask",
  latecomerChat: false,
  seventhTradition: { venmo: null, paypal: null, square: null, homegroupOnline: null },
  ...over,
});

describe("meeting form state", () => {
  it("sends numbers as numbers and empty optionals as null", () => {
    const f = {
      ...emptyMeeting("America/Chicago"),
      name: "  Early Birds ",
      days: [1, 3],
      startTime: "07:00",
      durationMinutes: "45",
      capacity: "",
    };
    const body = meetingBody(f, "create");
    expect(body).toMatchObject({
      name: "Early Birds",
      timezone: "America/Chicago",
      schedule: { days: [1, 3], startTime: "07:00", durationMinutes: 45 },
      capacity: null,
      languages: ["EN"],
    });
    expect(body.conference).toEqual({ url: null, phone: null, notes: null });
    expect("passcode" in body).toBe(false);
    expect(body.floorMode).toBe("open");
  });
  it("sends the floor mode chosen, and reads a meeting's back (open when the API predates it)", () => {
    const f = { ...emptyMeeting("UTC"), name: "x", floorMode: "raise_hand" as const };
    expect(meetingBody(f, "edit")).toMatchObject({ floorMode: "raise_hand" });
    expect(formFromMeeting(apiMeeting({ floorMode: "host_only" })).floorMode).toBe("host_only");
    expect(formFromMeeting(apiMeeting()).floorMode).toBe("open");
  });
  it("sets a passcode only when creating", () => {
    const f = { ...emptyMeeting("UTC"), name: "x", passcode: "serenity" };
    expect(meetingBody(f, "create")).toMatchObject({ passcode: "serenity" });
    expect("passcode" in meetingBody(f, "edit")).toBe(false);
  });
  it("round-trips an existing meeting", () => {
    const m = apiMeeting({
      name: "Noon",
      types: ["C", "BE"],
      languages: ["S"],
      timezone: "Europe/London",
      schedule: { days: [0, 6], startTime: "12:00", durationMinutes: 90 },
      visibility: "unlisted",
      waitingRoom: true,
      capacity: 40,
      chatRetention: "24h",
      passcodeAccess: "after_admit",
      latecomerChat: true,
      conference: { url: "https://example.org/j/1", phone: null, notes: null },
      seventhTradition: { venmo: "@noon", paypal: null, square: null, homegroupOnline: null },
    });
    const body = meetingBody(formFromMeeting(m), "edit");
    expect(body).toMatchObject({
      types: ["C", "BE"],
      languages: ["S"],
      capacity: 40,
      visibility: "unlisted",
      waitingRoom: true,
      chatRetention: "24h",
      passcodeAccess: "after_admit",
      latecomerChat: true,
    });
    expect(body.conference.url).toBe("https://example.org/j/1");
    expect(body.seventhTradition.venmo).toBe("@noon");
  });
  it("sends an online meeting's approximate place, and a venue for in-person and hybrid meetings", () => {
    const online = {
      ...emptyMeeting("UTC"),
      name: "x",
      approximatePlace: " Chicago, IL, USA ",
      regions: "Chicago, North Side",
    };
    expect(meetingBody(online, "create").place).toEqual({
      attendance: "online",
      approximatePlace: "Chicago, IL, USA",
      regions: ["Chicago", "North Side"],
    });
    const hybrid = {
      ...emptyMeeting("UTC"),
      name: "x",
      attendance: "hybrid" as const,
      address: "1 Main St",
      city: "Evanston",
      country: "USA",
      latitude: "42.05",
      longitude: "-87.68",
      wheelchairAccess: true,
    };
    const place = meetingBody(hybrid, "edit").place;
    expect(place).toMatchObject({
      attendance: "hybrid",
      venue: {
        address: "1 Main St",
        city: "Evanston",
        region: null,
        country: "USA",
        latitude: 42.05,
        longitude: -87.68,
        wheelchairAccess: true,
      },
    });
    const venue = {
      name: "Hall",
      address: "1 Main St",
      city: "Evanston",
      region: "IL",
      postalCode: "60201",
      country: "USA",
      latitude: 42.05,
      longitude: -87.68,
      notes: "Side door",
      wheelchairAccess: true,
    };
    const m = apiMeeting({
      place: { attendance: "in_person", approximatePlace: null, regions: ["North Shore"], venue },
    });
    expect(meetingBody(formFromMeeting(m), "edit").place).toEqual({
      attendance: "in_person",
      regions: ["North Shore"],
      venue,
    });
  });
  it("sends the slip settings (a new meeting needs 45 minutes, no auto-confirm) and fills them from an existing meeting", () => {
    expect(meetingBody({ ...emptyMeeting("UTC"), name: "x" }, "create").slips).toEqual({
      minMinutes: 45,
      autoConfirm: false,
    });
    const f = formFromMeeting(apiMeeting({ slips: { minMinutes: 0, autoConfirm: true } }));
    expect(f).toMatchObject({ slipMinMinutes: "0", slipAutoConfirm: true });
    expect(meetingBody({ ...f, slipMinMinutes: " 30 " }, "edit").slips).toEqual({ minMinutes: 30, autoConfirm: true });
  });
});
