import { z } from "zod";
import type { AttendanceOption, Meeting } from "../db/schema";

const line = (max: number) => z.string().trim().min(1).max(max);
const optionalLine = (max: number) => line(max).nullable().optional();

/** Where an in-person or hybrid meeting happens. */
export const venueSchema = z
  .strictObject({
    name: optionalLine(255),
    address: line(255),
    city: line(100),
    region: optionalLine(100),
    postalCode: optionalLine(20),
    country: line(100),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    notes: z.string().trim().max(1000).nullable().optional(),
    wheelchairAccess: z.boolean().default(false),
  })
  .refine((v) => (v.latitude == null) === (v.longitude == null), {
    message: "Give both latitude and longitude, or neither",
    path: ["longitude"],
  });
export type Venue = z.infer<typeof venueSchema>;

const regionsSchema = z.array(line(100)).max(5).nullable().optional();

/**
 * How people attend and where. Online meetings name only an approximate place (a city, so
 * Meeting Guide readers can list them); in-person and hybrid meetings name their venue.
 */
export const placeSchema = z.discriminatedUnion("attendance", [
  z.strictObject({ attendance: z.literal("online"), approximatePlace: optionalLine(200), regions: regionsSchema }),
  z.strictObject({ attendance: z.enum(["in_person", "hybrid"]), venue: venueSchema, regions: regionsSchema }),
]);
export type PlaceInput = z.infer<typeof placeSchema>;

/** The place columns of a meeting row. */
export type PlaceColumns = Pick<
  Meeting,
  | "attendanceOption"
  | "approximatePlace"
  | "locationName"
  | "address"
  | "city"
  | "region"
  | "postalCode"
  | "country"
  | "latitude"
  | "longitude"
  | "locationNotes"
  | "wheelchairAccess"
  | "regions"
>;

/** Columns for a place; a meeting without one is online with no approximate place yet. */
export function placeColumns(place: PlaceInput | undefined): PlaceColumns {
  const regions = place?.regions?.length ? place.regions : null;
  if (!place || place.attendance === "online") {
    return {
      attendanceOption: "online",
      approximatePlace: place?.approximatePlace ?? null,
      locationName: null,
      address: null,
      city: null,
      region: null,
      postalCode: null,
      country: null,
      latitude: null,
      longitude: null,
      locationNotes: null,
      wheelchairAccess: false,
      regions,
    };
  }
  const v = place.venue;
  return {
    attendanceOption: place.attendance,
    approximatePlace: null,
    locationName: v.name ?? null,
    address: v.address,
    city: v.city,
    region: v.region ?? null,
    postalCode: v.postalCode ?? null,
    country: v.country,
    latitude: v.latitude ?? null,
    longitude: v.longitude ?? null,
    locationNotes: v.notes || null,
    wheelchairAccess: v.wheelchairAccess,
    regions,
  };
}

/** True when people can join the meeting's online room. */
export const hasOnlineRoom = (option: AttendanceOption) => option !== "in_person";
/** True when the meeting has a venue. */
export const hasVenue = (option: AttendanceOption) => option !== "online";

/** "123 Main St, Chicago, IL 60601, USA": the Meeting Guide `formatted_address` order. */
export function formattedAddress(
  p: Pick<PlaceColumns, "address" | "city" | "region" | "postalCode" | "country">,
): string {
  return [p.address, p.city, [p.region, p.postalCode].filter(Boolean).join(" "), p.country].filter(Boolean).join(", ");
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires": the place a zone is named after. */
export function zoneCity(zone: string): string {
  return (zone.split("/").at(-1) ?? zone).replaceAll("_", " ");
}

/** The approximate place of an online meeting: the one set, else the city its zone is named after. */
export function approximatePlaceOf(m: Pick<Meeting, "approximatePlace" | "timezone">): string {
  return m.approximatePlace ?? zoneCity(m.timezone);
}

/** An OpenStreetMap directions link to the venue (coordinates when known, else the address): a plain link, no map embed. */
export function directionsUrl(
  p: Pick<PlaceColumns, "address" | "city" | "region" | "postalCode" | "country" | "latitude" | "longitude">,
): string {
  const to = p.latitude != null && p.longitude != null ? `${p.latitude},${p.longitude}` : formattedAddress(p);
  return `https://www.openstreetmap.org/directions?${new URLSearchParams({ to })}`;
}

/** The place as the meeting page and the dashboard read it (public: a venue is a public place). */
export function placeView(m: PlaceColumns & Pick<Meeting, "timezone">) {
  const regions = m.regions ?? [];
  if (!hasVenue(m.attendanceOption))
    return { attendance: m.attendanceOption, approximatePlace: m.approximatePlace, regions, venue: null };
  return {
    attendance: m.attendanceOption,
    approximatePlace: null,
    regions,
    venue: {
      name: m.locationName,
      address: m.address ?? "",
      city: m.city ?? "",
      region: m.region,
      postalCode: m.postalCode,
      country: m.country ?? "",
      latitude: m.latitude,
      longitude: m.longitude,
      notes: m.locationNotes,
      wheelchairAccess: m.wheelchairAccess,
      formattedAddress: formattedAddress(m),
      directionsUrl: directionsUrl(m),
    },
  };
}
export type PlaceView = ReturnType<typeof placeView>;
