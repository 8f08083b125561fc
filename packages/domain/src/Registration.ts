/**
 * Public registration for an event: the settings an event opens its form with (capacity, closing
 * instant, waiting list), the decision on one registrant, and who moves up from the waiting list
 * when a seat frees. Time comes in as an argument; nothing here reads a clock.
 * @module
 */
import { Schema } from "effect"
import { Instant } from "./ApiKey.js"
import { PlausibleDate } from "./CalendarDate.js"
import { EventId } from "./Event.js"
import { idMaxLength } from "./Text.js"

/** Opaque identifier of a public registration. */
export const RegistrationId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("RegistrationId"),
  Schema.annotations({ identifier: "RegistrationId" }),
)
/** Opaque identifier of a public registration. */
export type RegistrationId = typeof RegistrationId.Type

/** The languages a registrant can be written to in. */
export const RegistrationLanguage = Schema.Literal("bg", "en").annotations({
  identifier: "RegistrationLanguage",
})
/** The languages a registrant can be written to in. */
export type RegistrationLanguage = typeof RegistrationLanguage.Type

/** How an event takes public registrations; an event without settings takes none. */
export class RegistrationSettings extends Schema.Class<RegistrationSettings>("RegistrationSettings")({
  open: Schema.Boolean.annotations({ description: "Whether the public form takes registrations" }),
  capacity: Schema.optional(
    Schema.Int.pipe(Schema.between(0, 100_000)).annotations({
      description: "Seats; without it the event takes everyone",
    }),
  ),
  closesAt: Schema.optional(Instant.annotations({ description: "No registration is taken from then on" })),
  waitlist: Schema.Boolean.annotations({ description: "Whether a full event keeps a waiting list" }),
}) {}

/** Where one public registration stands. */
export const PublicRegistrationStatus = Schema.Literal("registered", "waitlisted", "cancelled").annotations({
  identifier: "PublicRegistrationStatus",
})
/** Where one public registration stands. */
export type PublicRegistrationStatus = typeof PublicRegistrationStatus.Type

/** The outcome of one registrant's request. */
export type RegistrationDecision =
  | { readonly _tag: "Registered" }
  | { readonly _tag: "Waitlisted" }
  | { readonly _tag: "RefusedClosed" }
  | { readonly _tag: "RefusedFull" }

/** Whether the form takes registrations at `now` (open, and before its closing instant). */
export const registrationOpen = (settings: RegistrationSettings | undefined, now: Date): boolean =>
  settings?.open === true &&
  (settings.closesAt === undefined || now.getTime() < Date.parse(settings.closesAt))

/** Seats left, or `undefined` when the event has no capacity. */
export const seatsLeft = (settings: RegistrationSettings, registered: number): number | undefined =>
  settings.capacity === undefined ? undefined : Math.max(0, settings.capacity - registered)

/**
 * Decides one registrant: closed (or past the closing instant) is refused; with a seat left,
 * registered; full, waitlisted when the event keeps a list, else refused.
 */
export const decideRegistration = (
  settings: RegistrationSettings | undefined,
  registered: number,
  now: Date,
): RegistrationDecision => {
  if (settings === undefined || !registrationOpen(settings, now)) return { _tag: "RefusedClosed" }
  const left = seatsLeft(settings, registered)
  if (left === undefined || left > 0) return { _tag: "Registered" }
  return settings.waitlist ? { _tag: "Waitlisted" } : { _tag: "RefusedFull" }
}

/**
 * Who moves up from the waiting list (ordered by position) once seats free up, whether by a
 * cancellation or a larger capacity: as many as there are seats, first come first served.
 */
export const promotions = <A>(
  settings: RegistrationSettings,
  registered: number,
  waiting: ReadonlyArray<A>,
): ReadonlyArray<A> => {
  const left = seatsLeft(settings, registered)
  return left === undefined ? waiting : waiting.slice(0, left)
}

/** The youngest and oldest a registration proof may be, in milliseconds. */
export const proofAge = { minMs: 3_000, maxMs: 2 * 60 * 60 * 1_000 } as const

/**
 * Why a proof issued at `issuedAtMs` is not accepted at `nowMs`, or `undefined`: a form sent in
 * under three seconds is a script's, and one older than two hours is stale.
 */
export const proofAgeProblem = (issuedAtMs: number, nowMs: number): string | undefined => {
  const age = nowMs - issuedAtMs
  if (!Number.isFinite(age)) return "the proof does not parse"
  if (age < proofAge.minMs) return "the form was sent too quickly; wait a few seconds and send it again"
  if (age > proofAge.maxMs) return "the form is too old; reload the page and send it again"
  return undefined
}

/** The most registrations one address may attempt for one event within an hour. */
export const registrationLimits = { perAddressPerHour: 5, windowMs: 60 * 60 * 1_000 } as const

const name = Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(200))

/** What the public form sends (api.md); `website` is the honeypot and must stay empty. */
export class NewRegistration extends Schema.Class<NewRegistration>("NewRegistration")({
  givenName: name,
  familyName: name,
  email: Schema.Trim.pipe(
    Schema.maxLength(320),
    Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "not an e-mail address" }),
  ),
  institutionId: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(idMaxLength))),
  institutionName: Schema.optional(Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(500))),
  language: Schema.optional(RegistrationLanguage),
  proof: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)).annotations({
    description: "The `proof` of `GET /v1/public/events/{id}`, at least 3 s and at most 2 h old",
  }),
  website: Schema.optional(
    Schema.String.pipe(Schema.maxLength(500)).annotations({
      description: "Leave empty: a field hidden from people, which only bots fill in",
    }),
  ),
}) {}

/** The answer to a registration (api.md). */
export const RegistrationReceipt = Schema.Struct({
  status: Schema.Literal("registered", "waitlisted"),
}).annotations({ identifier: "RegistrationReceipt" })

/** An event as the public sees it: no personal data, and the proof its form must send back. */
export const PublicEvent = Schema.Struct({
  id: EventId,
  title: Schema.String,
  startDate: PlausibleDate,
  endDate: PlausibleDate,
  city: Schema.String,
  open: Schema.Boolean,
  closesAt: Schema.optional(Instant),
  seatsLeft: Schema.NullOr(Schema.Int).annotations({ description: "null when the event has no capacity" }),
  waitlist: Schema.Boolean,
  proof: Schema.String.annotations({ description: "Send back as `proof` with the registration" }),
}).annotations({ identifier: "PublicEvent" })
/** An event as the public sees it. */
export type PublicEvent = typeof PublicEvent.Type

/** A registration as staff see it. */
export class Registration extends Schema.Class<Registration>("Registration")({
  id: RegistrationId,
  eventId: EventId,
  personId: Schema.String,
  status: PublicRegistrationStatus,
  position: Schema.Int,
  language: RegistrationLanguage,
  createdAt: Instant,
}) {}

/** A registration as staff list it: with the registrant's names and e-mail (personal data). */
export const RegistrationListItem = Schema.Struct({
  ...Registration.fields,
  givenName: Schema.String,
  familyName: Schema.String,
  email: Schema.optional(Schema.String),
}).annotations({ identifier: "RegistrationListItem" })
/** A registration as staff list it. */
export type RegistrationListItem = typeof RegistrationListItem.Type

/** A page of registrations, as `GET /v1/events/{id}/registrations` answers it. */
export const RegistrationPage = Schema.Struct({
  items: Schema.Array(RegistrationListItem),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "RegistrationPage" })

/** An event's registration settings with its counts, as staff see them. */
export const RegistrationSettingsView = Schema.Struct({
  settings: Schema.NullOr(RegistrationSettings),
  registered: Schema.Int,
  waitlisted: Schema.Int,
}).annotations({ identifier: "RegistrationSettingsView" })
/** An event's registration settings with its counts. */
export type RegistrationSettingsView = typeof RegistrationSettingsView.Type

/** The event's form is closed (never opened, closed by staff, or past its closing instant). */
export class RegistrationClosed extends Schema.TaggedError<RegistrationClosed>()("RegistrationClosed", {
  eventId: Schema.String,
}) {}

/** Every seat is taken and the event keeps no waiting list. */
export class EventFull extends Schema.TaggedError<EventFull>()("EventFull", {
  eventId: Schema.String,
}) {}

/** The form did not prove a person sent it (proof missing, forged, too fresh or stale, honeypot filled). */
export class RegistrationProofInvalid extends Schema.TaggedError<RegistrationProofInvalid>()(
  "RegistrationProofInvalid",
  {
    errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
    message: Schema.String,
  },
) {}

/** Too many registrations from one address for one event within the hour. */
export class RegistrationThrottled extends Schema.TaggedError<RegistrationThrottled>()(
  "RegistrationThrottled",
  { retryAfterSeconds: Schema.Int },
) {}

/** No registration has the given cancellation token (or it is cancelled already). */
export class RegistrationNotFound extends Schema.TaggedError<RegistrationNotFound>()(
  "RegistrationNotFound",
  {},
) {}

/** The form named no institution on file (neither its id nor its exact name). */
export class RegistrationInstitutionUnknown extends Schema.TaggedError<RegistrationInstitutionUnknown>()(
  "RegistrationInstitutionUnknown",
  {
    errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
    message: Schema.String,
  },
) {}
