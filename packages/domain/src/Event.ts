/**
 * Events of a capacity-building project: regional workshops, training seminars, conferences.
 * @module
 */
import { Either, Schema } from "effect"
import { idMaxLength } from "./Text.js"
import { datesInRange, daysBetween, type IsoDate, PlausibleDate } from "./CalendarDate.js"
import { PlanningRegionCode } from "./PlanningRegions.js"
import { ProjectId, projectEndDate } from "./Project.js"
import { pageOf } from "./Page.js"

/** Opaque identifier of an event. */
export const EventId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("EventId"),
  Schema.annotations({ identifier: "EventId" }),
)
/** Opaque identifier of an event. */
export type EventId = typeof EventId.Type

/** What kind of event it is; reach is broken down by the kind of the first contact. */
export const EventKind = Schema.Literal(
  "regional_workshop",
  "training_seminar",
  "conference",
  "working_meeting",
  "study_visit",
  "multiplier_training",
).annotations({ identifier: "EventKind" })
/** What kind of event it is. */
export type EventKind = typeof EventKind.Type

const eventFields = {
  projectId: ProjectId,
  kind: EventKind,
  title: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(500)),
  startDate: PlausibleDate,
  endDate: PlausibleDate,
  city: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(200)),
  planningRegion: Schema.optional(PlanningRegionCode),
}

/** The longest event the system accepts, in days; a longer one is a typing error. */
export const maxEventDays = 366

const endNotBeforeStart = (e: { readonly startDate: IsoDate; readonly endDate: IsoDate }) =>
  e.endDate < e.startDate
    ? { path: ["endDate"], message: "endDate is before startDate" }
    : daysBetween(e.startDate, e.endDate) + 1 > maxEventDays
      ? { path: ["endDate"], message: `an event lasts at most ${maxEventDays} days` }
      : true

/** What a client sends to create an event; the end is never before the start. */
export class NewEvent extends Schema.Class<NewEvent>("NewEvent")(
  Schema.Struct(eventFields).pipe(Schema.filter(endNotBeforeStart)),
) {}

/** An event as stored. */
export class Event extends Schema.Class<Event>("Event")({
  id: EventId,
  ...eventFields,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** No event has the given id. */
export class EventNotFound extends Schema.TaggedError<EventNotFound>()("EventNotFound", {
  eventId: Schema.String,
}) {}

/** Every day of an event, first to last. */
export const eventDays = (e: {
  readonly startDate: IsoDate
  readonly endDate: IsoDate
}): ReadonlyArray<IsoDate> => datesInRange(e.startDate, e.endDate)

/** How many days an event lasts. */
export const eventDayCount = (e: { readonly startDate: IsoDate; readonly endDate: IsoDate }): number =>
  daysBetween(e.startDate, e.endDate) + 1

/** Whether a date is one of the event's days. */
export const isEventDay = (
  e: { readonly startDate: IsoDate; readonly endDate: IsoDate },
  day: string,
): boolean => day >= e.startDate && day <= e.endDate

/** An event's dates, checked outside a schema (e.g. rows read back from storage). */
export const checkEventDates = (e: {
  readonly startDate: IsoDate
  readonly endDate: IsoDate
}): Either.Either<true, string> => {
  const r = endNotBeforeStart(e)
  return r === true ? Either.right(true) : Either.left(r.message)
}

/** A page of events as the API answers it. */
export const EventPage = pageOf(Event, "EventPage")

/** An event as the API answers it: with whether it lies outside its project's period. */
export const EventView = Schema.Struct({
  ...Event.fields,
  outsideProjectPeriod: Schema.Boolean.annotations({
    description:
      "Whether the event starts before its project's period or ends after it (a warning: such an event is accepted)",
  }),
}).annotations({ identifier: "EventView" })
/** An event as the API answers it. */
export type EventView = typeof EventView.Type

/** A page of events as the API answers it, each with its period flag. */
export const EventViewPage = pageOf(EventView, "EventViewPage")

/** Whether an event starts before the project period `[start, end]` or ends after it. */
export const eventOutsideProjectPeriod = (
  e: { readonly startDate: IsoDate; readonly endDate: IsoDate },
  period: { readonly start: IsoDate; readonly end: IsoDate },
): boolean => e.startDate < period.start || e.endDate > period.end

/** The API's view of an event against its project's period (extensions included). */
export const toEventView = (e: Event, project: Parameters<typeof projectEndDate>[0]): EventView => ({
  ...e,
  outsideProjectPeriod: eventOutsideProjectPeriod(e, {
    start: project.startDate,
    end: projectEndDate(project),
  }),
})
