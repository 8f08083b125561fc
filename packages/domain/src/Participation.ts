/**
 * Participation: a person at an event, the institution they represented there, their role,
 * their registration status and the days they attended.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { type IsoDate, IsoDate as IsoDateSchema, PlausibleDate } from "./CalendarDate.js"
import { EventId, isEventDay } from "./Event.js"
import { InstitutionId } from "./Institution.js"
import { PersonId } from "./Person.js"
import { pageOf } from "./Page.js"

/** Opaque identifier of a participation. */
export const ParticipationId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("ParticipationId"),
  Schema.annotations({ identifier: "ParticipationId" }),
)
/** Opaque identifier of a participation. */
export type ParticipationId = typeof ParticipationId.Type

/** The part a person played; only `participant` counts as reached. */
export const ParticipationRole = Schema.Literal("participant", "speaker", "trainer", "organiser").annotations(
  {
    identifier: "ParticipationRole",
  },
)
/** The part a person played. */
export type ParticipationRole = typeof ParticipationRole.Type

/**
 * Where the registration stands. Reach does not read it: attendance is what counts, so a
 * registered no-show is not reached and a walk-in who signed the sheet is.
 */
export const RegistrationStatus = Schema.Literal(
  "invited",
  "registered",
  "waitlisted",
  "cancelled",
).annotations({
  identifier: "RegistrationStatus",
})
/** Where the registration stands. */
export type RegistrationStatus = typeof RegistrationStatus.Type

/** What a client sends to register a person for an event. */
export class NewParticipation extends Schema.Class<NewParticipation>("NewParticipation")({
  personId: PersonId,
  role: ParticipationRole,
  status: RegistrationStatus,
  institutionId: Schema.optional(
    InstitutionId.annotations({ description: "The institution represented; defaults to the person's" }),
  ),
}) {}

/** The days a person attended, as a client sends them. */
export class Attendance extends Schema.Class<Attendance>("Attendance")({
  days: Schema.Array(PlausibleDate).pipe(Schema.maxItems(400)),
}) {}

/** A participation as stored. */
export class Participation extends Schema.Class<Participation>("Participation")({
  id: ParticipationId,
  eventId: EventId,
  personId: PersonId,
  role: ParticipationRole,
  status: RegistrationStatus,
  institutionId: InstitutionId,
  attendedDays: Schema.Array(IsoDateSchema),
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** No participation of this person at this event. */
export class ParticipationNotFound extends Schema.TaggedError<ParticipationNotFound>()(
  "ParticipationNotFound",
  {
    eventId: Schema.String,
    personId: Schema.String,
  },
) {}

/** The person is already registered for the event. */
export class AlreadyRegistered extends Schema.TaggedError<AlreadyRegistered>()("AlreadyRegistered", {
  eventId: Schema.String,
  personId: Schema.String,
  existingId: Schema.String,
}) {}

/** An attended day that is not a day of the event. */
export class DayOutsideEvent extends Schema.TaggedError<DayOutsideEvent>()("DayOutsideEvent", {
  eventId: Schema.String,
  day: Schema.String,
  startDate: Schema.String,
  endDate: Schema.String,
}) {}

/** The participation changed since the client read it (`If-Match` named an older version). */
export class ParticipationVersionStale extends Schema.TaggedError<ParticipationVersionStale>()(
  "ParticipationVersionStale",
  { participationId: Schema.String, expectedVersion: Schema.Int, currentVersion: Schema.Int },
) {}

/**
 * The attended days, sorted and without repeats, when every one is a day of the event; the
 * first day that is not, otherwise.
 */
export const checkAttendedDays = (
  event: { readonly id: string; readonly startDate: IsoDate; readonly endDate: IsoDate },
  days: ReadonlyArray<IsoDate>,
): Either.Either<ReadonlyArray<IsoDate>, DayOutsideEvent> => {
  const outside = days.find((d) => !isEventDay(event, d))
  if (outside !== undefined)
    return Either.left(
      new DayOutsideEvent({
        eventId: event.id,
        day: outside,
        startDate: event.startDate,
        endDate: event.endDate,
      }),
    )
  return Either.right([...new Set(days)].sort())
}

/** A page of participations as the API answers it. */
export const ParticipationPage = pageOf(Participation, "ParticipationPage")
