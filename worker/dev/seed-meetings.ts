import { DEFAULT_SLIP_MIN_MINUTES } from "../slips/slip-rules";
import { db } from "../db/client";
import { meetings, meetingTags } from "../db/schema";
import { type PlaceInput, placeColumns } from "../directory/place";
import { hashPasscode } from "../lib/passcode";

/** The passcode of every demo meeting that has one (development data only). */
export const DEMO_MEETING_PASSCODE = "2424";

type Demo = {
  key: string;
  name: string;
  group: "chicago" | "london" | "kolkata";
  types: string[];
  languages?: string[];
  days: number[];
  time: string;
  minutes?: number;
  description?: string;
  passcode?: boolean;
  waitingRoom?: boolean;
  unlisted?: boolean;
  retention?: "end" | "24h" | "7d";
  /** Attendance slip minimum (default 45): 0 lets the browser journey ask for a slip at once. */
  slipMinutes?: number;
  venmo?: string;
  paypal?: string;
  /** A venue for the few in-person and hybrid demo meetings; the rest are online. */
  place?: PlaceInput;
};

const WEEKDAYS = [1, 2, 3, 4, 5];
const DAILY = [0, 1, 2, 3, 4, 5, 6];

const DEMOS: Demo[] = [
  {
    key: "chi-early-birds",
    name: "Early Birds",
    group: "chicago",
    types: ["O", "D"],
    days: DAILY,
    time: "06:30",
    description: "Coffee in hand, cameras optional.",
    venmo: "@LakesideAA",
    slipMinutes: 0,
  },
  {
    key: "chi-big-book",
    name: "Big Book Study",
    group: "chicago",
    types: ["C", "B", "LIT"],
    days: [2],
    time: "19:00",
    minutes: 90,
    passcode: true,
    place: {
      attendance: "hybrid",
      venue: {
        name: "Lakeside Community Church",
        address: "1234 W Lakeside Ave",
        city: "Chicago",
        region: "IL",
        postalCode: "60640",
        country: "USA",
        latitude: 41.9689,
        longitude: -87.6551,
        notes: "Enter by the side door on Clifton Ave; room 2 downstairs.",
        wheelchairAccess: true,
      },
      regions: ["Chicago", "Uptown"],
    },
  },
  {
    key: "chi-nooner",
    name: "Lakeside Nooner",
    group: "chicago",
    types: ["O", "D"],
    days: WEEKDAYS,
    time: "12:00",
    venmo: "@LakesideAA",
  },
  {
    key: "chi-women",
    name: "Women's Step Study",
    group: "chicago",
    types: ["C", "W", "ST"],
    days: [4],
    time: "18:30",
    waitingRoom: true,
    passcode: true,
  },
  {
    key: "chi-newcomers",
    name: "Newcomers Welcome",
    group: "chicago",
    types: ["O", "BE", "D"],
    days: [1, 3],
    time: "19:30",
    description: "Questions from people new to AA are the topic.",
  },
  {
    key: "chi-spanish",
    name: "Grupo Nueva Esperanza",
    group: "chicago",
    types: ["C", "D"],
    languages: ["S"],
    days: [0, 3, 5],
    time: "20:00",
    minutes: 90,
    description: "Reunión en español.",
  },
  {
    key: "chi-late-night",
    name: "Night Owls",
    group: "chicago",
    types: ["O", "D"],
    days: DAILY,
    time: "23:30",
    description: "For anyone who cannot sleep.",
  },
  {
    key: "chi-speaker",
    name: "Saturday Speaker Meeting",
    group: "chicago",
    types: ["O", "SP"],
    days: [6],
    time: "20:00",
    paypal: "lakesideaa",
    place: {
      attendance: "in_person",
      venue: {
        name: "Uptown Fellowship Hall",
        address: "4550 N Broadway",
        city: "Chicago",
        region: "IL",
        postalCode: "60640",
        country: "USA",
        wheelchairAccess: false,
      },
      regions: ["Chicago", "Uptown"],
    },
  },
  {
    key: "chi-lgbtq",
    name: "Rainbow Serenity",
    group: "chicago",
    types: ["O", "LGBTQ", "D"],
    days: [5],
    time: "19:00",
    waitingRoom: true,
  },
  {
    key: "chi-daily-reflections",
    name: "Daily Reflections",
    group: "chicago",
    types: ["O", "DR"],
    days: WEEKDAYS,
    time: "07:30",
    minutes: 30,
  },
  {
    key: "chi-business",
    name: "Lakeside Business Meeting",
    group: "chicago",
    types: ["C"],
    days: [0],
    time: "11:00",
    unlisted: true,
    passcode: true,
  },
  {
    key: "lon-sunrise",
    name: "Sunrise Serenity",
    group: "london",
    types: ["O", "MED"],
    days: DAILY,
    time: "07:00",
    minutes: 45,
    description: "Short reading, silent meditation, sharing.",
  },
  {
    key: "lon-12x12",
    name: "Twelve and Twelve",
    group: "london",
    types: ["C", "12x12"],
    days: [1],
    time: "19:30",
    passcode: true,
    retention: "24h",
  },
  {
    key: "lon-lunchtime",
    name: "Lunchtime Lifeline",
    group: "london",
    types: ["O", "D"],
    days: WEEKDAYS,
    time: "13:00",
  },
  { key: "lon-young", name: "Young People in AA", group: "london", types: ["O", "Y", "D"], days: [3], time: "20:00" },
  { key: "lon-grapevine", name: "Grapevine Evening", group: "london", types: ["O", "GR"], days: [2], time: "19:00" },
  {
    key: "lon-men",
    name: "Men's Big Book",
    group: "london",
    types: ["C", "M", "B"],
    days: [4],
    time: "19:30",
    waitingRoom: true,
  },
  {
    key: "lon-spanish",
    name: "Grupo Londres Hispano",
    group: "london",
    types: ["O", "D"],
    languages: ["S"],
    days: [6],
    time: "18:00",
    description: "Reunión en español para la comunidad hispana en Londres.",
  },
  { key: "lon-traditions", name: "Traditions Tuesday", group: "london", types: ["C", "TR"], days: [2], time: "21:00" },
  {
    key: "lon-sunday-speaker",
    name: "Sunday Speakers",
    group: "london",
    types: ["O", "SP"],
    days: [0],
    time: "17:00",
    minutes: 90,
    place: {
      attendance: "hybrid",
      venue: {
        name: "St Anne's Church Hall",
        address: "55 Dean Street",
        city: "London",
        postalCode: "W1D 6AF",
        country: "UK",
        latitude: 51.5134,
        longitude: -0.1326,
        notes: "Ring the bell at the hall door.",
        wheelchairAccess: true,
      },
    },
  },
  {
    key: "lon-polish",
    name: "Polska Grupa Wsparcia",
    group: "london",
    types: ["C", "D"],
    languages: ["POL", "EN"],
    days: [5],
    time: "20:00",
  },
  {
    key: "kol-evening",
    name: "Kolkata Evening Group",
    group: "kolkata",
    types: ["O", "D"],
    languages: ["EN", "HI"],
    days: DAILY,
    time: "19:00",
    description: "Sharing in English and Hindi.",
  },
  {
    key: "kol-morning",
    name: "Morning Meditation",
    group: "kolkata",
    types: ["O", "11", "MED"],
    days: WEEKDAYS,
    time: "06:30",
    minutes: 45,
  },
  {
    key: "kol-step",
    name: "Step Study Saturday",
    group: "kolkata",
    types: ["C", "ST"],
    days: [6],
    time: "10:00",
    passcode: true,
    place: {
      attendance: "in_person",
      venue: {
        name: "Ballygunge Community Centre",
        address: "12 Gariahat Road",
        city: "Kolkata",
        region: "West Bengal",
        postalCode: "700019",
        country: "India",
        notes: "First floor, meeting room B.",
        wheelchairAccess: false,
      },
    },
  },
  {
    key: "kol-women",
    name: "Women's Circle",
    group: "kolkata",
    types: ["C", "W"],
    days: [3],
    time: "17:30",
    waitingRoom: true,
    retention: "7d",
  },
  { key: "kol-asbs", name: "As Bill Sees It", group: "kolkata", types: ["O", "ABSI"], days: [1, 4], time: "20:30" },
  {
    key: "kol-literature",
    name: "Living Sober Readings",
    group: "kolkata",
    types: ["O", "LS", "LIT"],
    days: [2],
    time: "12:30",
  },
  { key: "kol-newcomer", name: "First Steps", group: "kolkata", types: ["O", "BE"], days: [0], time: "16:00" },
  { key: "kol-late", name: "Midnight Lifeline", group: "kolkata", types: ["O", "D"], days: [5, 6], time: "23:30" },
  { key: "kol-secular", name: "Secular Sobriety", group: "kolkata", types: ["O", "A"], days: [4], time: "18:00" },
];

const ZONES = { chicago: "America/Chicago", london: "Europe/London", kolkata: "Asia/Kolkata" } as const;
/** Where each group's online meetings say they are: approximate, as Meeting Guide readers need a place. */
const APPROXIMATE_PLACES = {
  chicago: "Chicago, IL, USA",
  london: "London, UK",
  kolkata: "Kolkata, West Bengal, India",
} as const;

/**
 * Seeds ~30 believable demo meetings across the three demo groups. Idempotent: fixed ids and
 * slugs with `onConflictDoNothing`, so running it again changes nothing. Run materialize after.
 */
export async function seedDemoMeetings(
  env: Env,
  groupIds: { chicago: string; london: string; kolkata: string },
): Promise<void> {
  const d = db(env);
  const passcodeHash = await hashPasscode(DEMO_MEETING_PASSCODE);
  const now = Date.now();
  const rows = DEMOS.map((m) => ({
    id: `mtg_demo_${m.key}`,
    groupId: groupIds[m.group],
    slug: `${m.key.slice(4)}-${m.group}`,
    name: m.name,
    description: m.description ?? null,
    types: m.types,
    languages: m.languages ?? ["EN"],
    timezone: ZONES[m.group],
    days: m.days,
    startTime: m.time,
    durationMinutes: m.minutes ?? 60,
    visibility: m.unlisted ? ("unlisted" as const) : ("public" as const),
    passcodeHash: m.passcode ? passcodeHash : null,
    // "2424" predates the 6-character minimum: the demo shows how the dashboard flags a weak passcode.
    passcodeWeak: Boolean(m.passcode),
    waitingRoom: m.waitingRoom ?? false,
    chatRetention: m.retention ?? "end",
    slipMinMinutes: m.slipMinutes ?? DEFAULT_SLIP_MIN_MINUTES,
    venmo: m.venmo ?? null,
    paypal: m.paypal ?? null,
    ...placeColumns(m.place ?? { attendance: "online", approximatePlace: APPROXIMATE_PLACES[m.group] }),
    updatedAt: now,
  }));
  const tags = rows.flatMap((r) => [
    ...r.types.map((code) => ({ meetingId: r.id, kind: "type" as const, code })),
    ...r.languages.map((code) => ({ meetingId: r.id, kind: "language" as const, code })),
  ]);
  // Small chunks keep every statement under D1's 100 bound parameters.
  const statements = [];
  for (let i = 0; i < rows.length; i += 2)
    statements.push(
      d
        .insert(meetings)
        .values(rows.slice(i, i + 2))
        .onConflictDoNothing(),
    );
  for (let i = 0; i < tags.length; i += 30)
    statements.push(
      d
        .insert(meetingTags)
        .values(tags.slice(i, i + 30))
        .onConflictDoNothing(),
    );
  const [first, ...rest] = statements;
  if (first) await d.batch([first, ...rest]);
}
