import { z } from 'zod';
import { action, EVERYONE, STAFF } from '../_shared/contract';
import { id, instant, localDay, serviceArea, sharedFile, shortText, text } from '../_shared/schemas';
import { KIND_IDS, recordForms, requestForms, slotKey } from './kinds';
import { STATUSES } from './rules';

/** Request ids are natural keys ('haircut~2026-12-05~<person>') or 'tutoring~<random>'. */
const requestId = z
  .string()
  .trim()
  .min(1)
  .max(160)
  .regex(/^[A-Za-z0-9_~-]+$/);
/** Record ids are '<kind>~<request or person>~<day>' (rules.serviceRecordId). */
const recordId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_~-]+$/);
const kind = z.enum(KIND_IDS);
const status = z.enum(STATUSES);
/** Instants leave the function as ISO strings, which is what the mini-program receives anyway. */
const iso = z.date().transform((d) => d.toISOString());

/** Workers and the project lead, and the volunteers who give tutoring. */
const SERVERS = ['volunteer', ...STAFF] as const;

/** Staff may book or request for a resident without WeChat (代预约): `forPersonId`. */
const asking = { forPersonId: id.optional() };
const requestInput = z.discriminatedUnion('kind', [
  requestForms.haircut.extend({ kind: z.literal('haircut'), ...asking }),
  requestForms.homeHaircut.extend({ kind: z.literal('homeHaircut'), ...asking }),
  requestForms.tutoring.extend({ kind: z.literal('tutoring'), ...asking }),
  requestForms.homeVisit.extend({ kind: z.literal('homeVisit'), ...asking }),
]);

const recordInput = z.discriminatedUnion('kind', [
  recordForms.haircut.extend({ kind: z.literal('haircut') }),
  recordForms.homeHaircut.extend({ kind: z.literal('homeHaircut') }),
  recordForms.tutoring.extend({ kind: z.literal('tutoring') }),
  recordForms.homeVisit.extend({ kind: z.literal('homeVisit') }),
]);

const kindView = z.object({
  id: kind,
  title: z.string(),
  blurb: z.string(),
  serviceArea,
  intake: z.enum(['slot', 'schedule', 'match']),
  /** A haircut closes its request; tutoring and home visits stay open until staff close them. */
  oneOff: z.boolean(),
  /** What the record form starts with. */
  defaultMinutes: z.number(),
});

const slotView = z.object({ id: z.string(), startAt: iso, endAt: iso, seats: z.number(), seatsLeft: z.number() });

const haircutDayView = z.object({
  day: z.string(),
  place: z.string(),
  note: z.string(),
  slots: z.array(slotView),
  /** The caller's own booking that day, so the page shows it instead of the booking buttons. */
  myBooking: z.object({ requestId: z.string(), slotId: z.string() }).nullable(),
});

/** What every view of a request shares: what was asked, where it stands, when it happens. */
const requestBase = z.object({
  id: z.string(),
  kind,
  title: z.string(),
  status,
  statusText: z.string(),
  /** One line: the slot, or the child's grade and subjects, or the support wanted. */
  summary: z.string(),
  /** The booked slot or the scheduled time, if any. */
  when: iso.nullable(),
  staffNote: z.string(),
  createdAt: iso,
});

/** A request as the resident who made it sees it. */
const myRequest = requestBase.extend({
  volunteerName: z.string().nullable(),
  declineReason: z.string(),
  canCancel: z.boolean(),
});

/** A request in a staff queue: who asked and how to reach them. Staff only. */
const queuedRequest = requestBase.extend({
  person: z.object({ id: z.string(), name: z.string(), phone: z.string(), building: z.string() }),
  volunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  declineReason: z.string(),
});

/** A request as its matched volunteer sees it: what to teach and when, no family contact details. */
const matchedRequest = requestBase;

const recordView = z.object({
  id: z.string(),
  kind,
  title: z.string(),
  at: iso,
  minutes: z.number(),
  subject: z.string().nullable(),
  support: z.array(z.string()),
  note: z.string(),
  volunteerName: z.string().nullable(),
});

/** The records list for staff adds who was served. */
const staffRecordView = recordView.extend({ personName: z.string() });

const dayRange = z.object({ from: localDay, to: localDay });

const volunteerTotal = z.object({ volunteerId: z.string(), name: z.string(), minutes: z.number(), hours: z.number(), services: z.number() });

export const servicesContract = {
  /** The services on offer, the coming haircut days with their slots, and the form choices. */
  overview: action({
    input: z.object({}),
    output: z.object({
      kinds: z.array(kindView),
      haircutDays: z.array(haircutDayView),
      options: z.object({
        grades: z.array(z.string()),
        subjects: z.array(z.string()),
        weekendTimes: z.array(z.string()),
        homeTimes: z.array(z.string()),
        supportKinds: z.array(z.string()),
      }),
    }),
    allow: EVERYONE,
  }),
  /** Ask for a service: book a haircut slot, ask for a home haircut, tutoring or a home visit. */
  request: action({ input: requestInput, output: myRequest, allow: EVERYONE }),
  myRequests: action({ input: z.object({}), output: z.array(myRequest), allow: EVERYONE }),
  cancel: action({ input: z.object({ requestId }), output: myRequest, allow: EVERYONE }),

  publishHaircutDay: action({
    input: z.object({
      place: shortText.min(1),
      note: text(200).default(''),
      slots: z
        .array(z.object({ startAt: instant, endAt: instant, seats: z.number().int().min(1).max(50) }))
        .min(1)
        .max(20),
    }),
    output: haircutDayView,
    allow: STAFF,
  }),
  /** Change one slot's seats (0 stops taking bookings), never below the bookings it holds. */
  setSlotSeats: action({
    input: z.object({ slotId: slotKey, seats: z.number().int().min(0).max(50) }),
    output: haircutDayView,
    allow: STAFF,
  }),
  /** Call off a whole haircut day: every booking on it is cancelled and its resident told why. */
  cancelHaircutDay: action({
    input: z.object({ day: localDay, reason: text(100, 2) }),
    output: z.object({ day: z.string(), cancelled: z.number(), told: z.number() }),
    allow: STAFF,
  }),
  /** A queue per service: open requests by default, or any status; one haircut day's bookings. */
  queue: action({
    input: z.object({
      kind: kind.optional(),
      status: z.enum([...STATUSES, 'open', 'all']).default('open'),
      day: localDay.optional(),
    }),
    output: z.array(queuedRequest),
    allow: STAFF,
  }),
  schedule: action({
    input: z.object({ requestId, at: instant, note: shortText.default('') }),
    output: queuedRequest,
    allow: STAFF,
  }),
  /** Match a volunteer tutor (a user with the volunteer role) to a tutoring request. */
  match: action({
    input: z.object({ requestId, volunteerId: id, note: shortText.default('') }),
    output: queuedRequest,
    allow: STAFF,
  }),
  decline: action({
    input: z.object({ requestId, reason: text(100, 2) }),
    output: queuedRequest,
    allow: STAFF,
  }),
  /** Close a request that is served over many sessions (tutoring, home visits). */
  complete: action({ input: z.object({ requestId }), output: queuedRequest, allow: STAFF }),
  volunteers: action({ input: z.object({}), output: z.array(z.object({ id: z.string(), name: z.string() })), allow: STAFF }),
  /** The kinds with the plan indicator (计划指标) each counts toward, for the reports. */
  kinds: action({ input: z.object({}), output: z.array(kindView.extend({ indicatorId: z.string().nullable() })), allow: STAFF }),
  setKindIndicator: action({
    input: z.object({ kind, indicatorId: id.nullable() }),
    output: z.object({ kind, indicatorId: z.string().nullable() }),
    allow: STAFF,
  }),

  /** A service given: a haircut, a tutoring session, a home visit. One 受益人次. */
  recordService: action({ input: recordInput, output: recordView, allow: SERVERS }),
  /** Delete a service recorded by mistake, within 7 days: its 受益人次 and volunteer hours go with it. */
  deleteRecord: action({
    input: z.object({ recordId }),
    output: z.object({ id: z.string(), requestStatus: status.nullable() }),
    allow: STAFF,
  }),
  /** The services given on one request: its tutor and staff read them. */
  sessions: action({ input: z.object({ requestId }), output: z.array(recordView), allow: SERVERS }),
  /** The services recorded in a date range (服务记录), newest first. */
  records: action({ input: dayRange.extend({ kind: kind.optional() }), output: z.array(staffRecordView), allow: STAFF }),
  /** The tutoring requests matched to the calling volunteer. */
  myMatches: action({ input: z.object({}), output: z.array(matchedRequest), allow: ['volunteer'] }),
  myHours: action({
    input: z.object({}),
    output: z.object({
      minutes: z.number(),
      hours: z.number(),
      services: z.number(),
      byMonth: z.array(z.object({ month: z.string(), minutes: z.number(), hours: z.number() })),
      recent: z.array(recordView),
    }),
    allow: ['volunteer'],
  }),
  volunteerHours: action({
    input: dayRange,
    output: z.object({ volunteers: z.array(volunteerTotal), minutes: z.number(), hours: z.number() }),
    allow: STAFF,
  }),
  /** The volunteer hours as an .xlsx workbook in cloud storage, behind a temporary link, for the page to download and open. */
  exportVolunteerHours: action({
    input: dayRange,
    output: sharedFile,
    allow: STAFF,
  }),
};
export type ServicesContract = typeof servicesContract;
