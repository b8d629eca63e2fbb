import { DEFAULT_SLIP_MIN_MINUTES } from "../slips/slip-rules";
import { and, eq, gt, or } from "drizzle-orm";
import { groups, type Meeting, meetings, meetingTags, occurrences, type PasscodeAccess } from "../db/schema";
import { stripeConnections } from "../db/schema-stripe";
import { refuse } from "../lib/errors";
import { newId } from "../lib/ids";
import { hashPasscode } from "../lib/passcode";
import { type SessionDb, type Store, toStatement } from "./d1-session";
import { type MeetingCreate, type MeetingPatch, randomPasscode, slugify } from "./meeting-input";
import type { PasscodeSealer } from "./passcode-seal";
import { placeColumns } from "./place";
import { dropFuturePlanned, insertPlannedStatements, planRows, unreferencedOccurrence } from "./plan";

/** A meeting and its group's public name and Stripe Payment Link, by id or slug. */
export async function findMeeting(d: SessionDb, idOrSlug: string) {
  return d
    .select({
      meeting: meetings,
      group: { name: groups.name, slug: groups.slug, paymentLink: stripeConnections.paymentLink },
    })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .leftJoin(stripeConnections, eq(stripeConnections.groupId, meetings.groupId))
    .where(or(eq(meetings.id, idOrSlug), eq(meetings.slug, idOrSlug)))
    .get();
}

async function slugTaken(d: SessionDb, slug: string, exceptId?: string): Promise<boolean> {
  const row = await d.select({ id: meetings.id }).from(meetings).where(eq(meetings.slug, slug)).get();
  return row !== undefined && row.id !== exceptId;
}

/** The slug to store: the requested one (409 if taken), or one made from the name with a short suffix on collision. */
async function chooseSlug(
  d: SessionDb,
  requested: string | undefined,
  name: string,
  exceptId?: string,
): Promise<string> {
  if (requested) {
    if (await slugTaken(d, requested, exceptId))
      throw refuse("conflict", "slug_taken", "That slug is in use", [{ path: "json.slug", message: "Already in use" }]);
    return requested;
  }
  const base = slugify(name);
  if (!(await slugTaken(d, base, exceptId))) return base;
  for (let i = 0; i < 5; i++) {
    const candidate = `${base}-${newId()
      .slice(0, 5)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
    if (!(await slugTaken(d, candidate, exceptId))) return candidate;
  }
  throw refuse("conflict", "slug_taken", "Could not find a free slug; send one");
}

function tagRows(meetingId: string, types: string[], languages: string[]) {
  return [
    ...[...new Set(types)].map((code) => ({ meetingId, kind: "type" as const, code })),
    ...[...new Set(languages)].map((code) => ({ meetingId, kind: "language" as const, code })),
  ];
}

/** A passcode as stored: its hash (the check), its sealed copy (for secretaries) and whether it is weak. */
export type StoredPasscode = { hash: string | null; enc: string | null; weak: boolean };

/** Applies a passcode change: the new hash and sealed copy (or nulls), and the new plain passcode only when rotated. */
async function passcodeChange(
  input: { passcode?: string | null; rotatePasscode?: boolean },
  current: StoredPasscode,
  seal: PasscodeSealer,
): Promise<StoredPasscode & { issued?: string }> {
  if (input.rotatePasscode) {
    const passcode = randomPasscode();
    return { hash: await hashPasscode(passcode), enc: await seal(passcode), weak: false, issued: passcode };
  }
  if (input.passcode === null) return { hash: null, enc: null, weak: false };
  // The input schema requires MIN_PASSCODE_CHARS, so a passcode set now is never weak.
  if (typeof input.passcode === "string")
    return { hash: await hashPasscode(input.passcode), enc: await seal(input.passcode), weak: false };
  return current;
}

/** `after_admit` shows the passcode in the waiting room's aftermath, so it needs the waiting room. */
function requireWaitingRoomFor(access: PasscodeAccess, waitingRoom: boolean): void {
  if (access === "after_admit" && !waitingRoom) {
    throw refuse(
      "invalid",
      "invalid_request",
      "Showing the passcode after a host admits someone needs the waiting room",
      [{ path: "json.passcodeAccess", message: "Turn on the waiting room, or choose another way in" }],
    );
  }
}

/** The row of a new meeting from validated input (the slug and passcode already chosen). */
export function newMeetingRow(
  input: MeetingCreate,
  id: string,
  slug: string,
  passcode: { hash: string | null; enc?: string | null; weak: boolean },
  now: number,
) {
  return {
    id,
    groupId: input.groupId,
    slug,
    name: input.name,
    description: input.description ?? null,
    types: [...new Set(input.types)],
    languages: [...new Set(input.languages)],
    timezone: input.timezone,
    days: [...input.schedule.days].sort(),
    startTime: input.schedule.startTime,
    durationMinutes: input.schedule.durationMinutes,
    visibility: input.visibility,
    passcodeHash: passcode.hash,
    passcodeEnc: passcode.enc ?? null,
    passcodeWeak: passcode.weak,
    passcodeAccess: input.passcodeAccess,
    waitingRoom: input.waitingRoom,
    latecomerChat: input.latecomerChat,
    capacity: input.capacity ?? null,
    chatRetention: input.chatRetention,
    conferenceUrl: input.conference?.url ?? null,
    conferencePhone: input.conference?.phone ?? null,
    conferenceNotes: input.conference?.notes ?? null,
    venmo: input.seventhTradition?.venmo ?? null,
    paypal: input.seventhTradition?.paypal ?? null,
    square: input.seventhTradition?.square ?? null,
    homegroupOnline: input.seventhTradition?.homegroupOnline ?? null,
    ...placeColumns(input.place),
    slipMinMinutes: input.slips?.minMinutes ?? DEFAULT_SLIP_MIN_MINUTES,
    slipAutoConfirm: input.slips?.autoConfirm ?? false,
    floorMode: input.floorMode ?? "open",
    updatedAt: now,
  };
}
export type NewMeetingRow = ReturnType<typeof newMeetingRow> & { sourceSlug?: string | null };

/** The statements that insert a meeting, its tags and its next 14 days of occurrences (for one batch). */
export function insertMeetingStatements({ raw, d }: Store, row: NewMeetingRow, now: number): D1PreparedStatement[] {
  const tags = tagRows(row.id, row.types, row.languages);
  const batch = [toStatement(raw, d.insert(meetings).values(row))];
  if (tags.length) batch.push(toStatement(raw, d.insert(meetingTags).values(tags)));
  batch.push(...insertPlannedStatements(raw, planRows(row, now)));
  return batch;
}

/**
 * Creates a meeting with its tags and its next 14 days of occurrences in one batch.
 * Returns the stored row and, for `rotatePasscode`, the generated passcode (shown once).
 */
export async function createMeeting(
  store: Store,
  input: MeetingCreate,
  seal: PasscodeSealer,
  now = Date.now(),
): Promise<{ meeting: Meeting; issuedPasscode?: string }> {
  const { raw, d } = store;
  requireWaitingRoomFor(input.passcodeAccess, input.waitingRoom);
  const id = newId("mtg_");
  const slug = await chooseSlug(d, input.slug, input.name);
  const passcode = await passcodeChange(input, { hash: null, enc: null, weak: false }, seal);
  await raw.batch(insertMeetingStatements(store, newMeetingRow(input, id, slug, passcode, now), now));
  const meeting = await d.select().from(meetings).where(eq(meetings.id, id)).get();
  if (!meeting) throw new Error("meeting vanished after insert");
  return { meeting, issuedPasscode: passcode.issued };
}

const sameArray = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Applies a patch in one batch: the meeting row, its tags when types/languages change, and a
 * re-plan of future non-excepted occurrences when the schedule or zone changes.
 */
export async function patchMeeting(
  { raw, d }: Store,
  current: Meeting,
  input: MeetingPatch,
  seal: PasscodeSealer,
  now = Date.now(),
): Promise<{ meeting: Meeting; issuedPasscode?: string }> {
  if (current.status === "archived") throw refuse("conflict", "archived", "This meeting is archived");
  requireWaitingRoomFor(input.passcodeAccess ?? current.passcodeAccess, input.waitingRoom ?? current.waitingRoom);
  const slug =
    input.slug && input.slug !== current.slug
      ? await chooseSlug(d, input.slug, current.name, current.id)
      : current.slug;
  const passcode = await passcodeChange(
    input,
    { hash: current.passcodeHash, enc: current.passcodeEnc, weak: current.passcodeWeak },
    seal,
  );
  const schedule = input.schedule ?? {
    days: current.days,
    startTime: current.startTime,
    durationMinutes: current.durationMinutes,
  };
  const next = {
    slug,
    name: input.name ?? current.name,
    description: input.description === undefined ? current.description : input.description,
    types: input.types ? [...new Set(input.types)] : current.types,
    languages: input.languages ? [...new Set(input.languages)] : current.languages,
    timezone: input.timezone ?? current.timezone,
    days: [...schedule.days].sort(),
    startTime: schedule.startTime,
    durationMinutes: schedule.durationMinutes,
    visibility: input.visibility ?? current.visibility,
    passcodeHash: passcode.hash,
    passcodeEnc: passcode.enc,
    passcodeWeak: passcode.weak,
    passcodeAccess: input.passcodeAccess ?? current.passcodeAccess,
    waitingRoom: input.waitingRoom ?? current.waitingRoom,
    latecomerChat: input.latecomerChat ?? current.latecomerChat,
    capacity: input.capacity === undefined ? current.capacity : input.capacity,
    chatRetention: input.chatRetention ?? current.chatRetention,
    conferenceUrl: input.conference?.url === undefined ? current.conferenceUrl : input.conference.url,
    conferencePhone: input.conference?.phone === undefined ? current.conferencePhone : input.conference.phone,
    conferenceNotes: input.conference?.notes === undefined ? current.conferenceNotes : input.conference.notes,
    venmo: input.seventhTradition?.venmo === undefined ? current.venmo : input.seventhTradition.venmo,
    paypal: input.seventhTradition?.paypal === undefined ? current.paypal : input.seventhTradition.paypal,
    square: input.seventhTradition?.square === undefined ? current.square : input.seventhTradition.square,
    homegroupOnline:
      input.seventhTradition?.homegroupOnline === undefined
        ? current.homegroupOnline
        : input.seventhTradition.homegroupOnline,
    ...(input.place ? placeColumns(input.place) : {}),
    slipMinMinutes: input.slips?.minMinutes ?? current.slipMinMinutes,
    slipAutoConfirm: input.slips?.autoConfirm ?? current.slipAutoConfirm,
    floorMode: input.floorMode ?? current.floorMode,
    updatedAt: now,
  };
  await raw.batch(updateMeetingStatements({ raw, d }, current, next, now));
  const meeting = await d.select().from(meetings).where(eq(meetings.id, current.id)).get();
  if (!meeting) throw new Error("meeting vanished after update");
  return { meeting, issuedPasscode: passcode.issued };
}

/**
 * The statements that update a meeting row, its tags when types/languages change, and re-plan
 * future non-excepted occurrences when the schedule or zone changes (for one batch).
 */
export function updateMeetingStatements(
  { raw, d }: Store,
  current: Meeting,
  next: Partial<Meeting> & Pick<Meeting, "types" | "languages" | "timezone" | "days" | "startTime" | "durationMinutes">,
  now: number,
): D1PreparedStatement[] {
  const batch = [toStatement(raw, d.update(meetings).set(next).where(eq(meetings.id, current.id)))];
  if (!sameArray(next.types, current.types) || !sameArray(next.languages, current.languages)) {
    batch.push(toStatement(raw, d.delete(meetingTags).where(eq(meetingTags.meetingId, current.id))));
    const tags = tagRows(current.id, next.types, next.languages);
    if (tags.length) batch.push(toStatement(raw, d.insert(meetingTags).values(tags)));
  }
  const replan =
    next.timezone !== current.timezone ||
    next.startTime !== current.startTime ||
    next.durationMinutes !== current.durationMinutes ||
    !sameArray(next.days, [...current.days].sort());
  if (replan) {
    batch.push(toStatement(raw, dropFuturePlanned(d, current.id, now)));
    batch.push(...insertPlannedStatements(raw, planRows({ id: current.id, ...next }, now)));
  }
  return batch;
}

/** Archives a meeting (never erased: the ledger may point at it) and drops its future scheduled occurrences. */
export async function archiveMeeting(d: SessionDb, meetingId: string, now = Date.now()): Promise<void> {
  await d.batch([
    d.update(meetings).set({ status: "archived", updatedAt: now }).where(eq(meetings.id, meetingId)),
    d
      .delete(occurrences)
      .where(
        and(
          eq(occurrences.meetingId, meetingId),
          eq(occurrences.status, "scheduled"),
          gt(occurrences.startsAt, now),
          unreferencedOccurrence,
        ),
      ),
    // Any left are referenced by the books or the audit trail: they stay, cancelled.
    d
      .update(occurrences)
      .set({ status: "cancelled" })
      .where(
        and(eq(occurrences.meetingId, meetingId), eq(occurrences.status, "scheduled"), gt(occurrences.startsAt, now)),
      ),
  ]);
}
