/**
 * The reach answers of the API beside the report itself: the persons behind a figure (the
 * drill-down) and attendance next to unique persons per event. Schemas only; the figures come
 * from the reach rules.
 * @module
 */
import { Schema } from "effect"
import { IsoDate } from "../CalendarDate.js"
import { DrillIndicator } from "./Drill.js"

/** One person behind a reach figure; the display name only for callers allowed to see names. */
export const ReachPerson = Schema.Struct({
  personId: Schema.String,
  displayName: Schema.optional(
    Schema.String.annotations({ description: "Only for roles allowed to see names (admin, coordinator)" }),
  ),
  institutionId: Schema.optional(Schema.String),
  firstDate: IsoDate.annotations({ description: "First qualifying attended day, or date first named" }),
  via: Schema.String.annotations({
    description: "The event (direct) or dissemination activity (indirect) of that date",
  }),
}).annotations({ identifier: "ReachPerson" })
/** One person behind a reach figure. */
export type ReachPerson = typeof ReachPerson.Type

/** A page of the persons behind a reach figure, sorted by person id. */
export const ReachPeoplePage = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDate,
  indicator: DrillIndicator,
  bucket: Schema.optional(Schema.String),
  total: Schema.Int,
  items: Schema.Array(ReachPerson),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "ReachPeoplePage" })
/** A page of the persons behind a reach figure. */
export type ReachPeoplePage = typeof ReachPeoplePage.Type

/** Attendance next to unique persons at one event. */
export const EventAttendanceFigures = Schema.Struct({
  eventId: Schema.String,
  eventKind: Schema.String,
  attendances: Schema.Int,
  personDays: Schema.Int,
  uniquePersons: Schema.Int,
  firstReachedHere: Schema.Int,
}).annotations({ identifier: "EventAttendance" })

/** Attendance per event of a project as of a date, ordered by event id. */
export const EventAttendanceList = Schema.Struct({
  projectId: Schema.String,
  asOf: IsoDate,
  items: Schema.Array(EventAttendanceFigures),
}).annotations({ identifier: "EventAttendanceList" })
/** Attendance per event of a project. */
export type EventAttendanceList = typeof EventAttendanceList.Type
