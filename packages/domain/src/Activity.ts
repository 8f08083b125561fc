/**
 * The project plan: a project's activities (A1…A6 for the flagship project) with planned and
 * actual dates, status, the responsible organisation, deliverables, and progress texts that
 * staff write per reporting period. Funder reports read the plan.
 * @module
 */
import { Schema } from "effect"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import { ProjectId } from "./Project.js"

/** Opaque identifier of an activity of a project plan. */
export const ActivityId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.brand("ActivityId"),
  Schema.annotations({ identifier: "ActivityId" }),
)
/** Opaque identifier of an activity of a project plan. */
export type ActivityId = typeof ActivityId.Type

/** Where an activity stands. */
export const ActivityStatus = Schema.Literal(
  "planned",
  "in_progress",
  "completed",
  "delayed",
  "cancelled",
).annotations({ identifier: "ActivityStatus" })
/** Where an activity stands. */
export type ActivityStatus = typeof ActivityStatus.Type

const Code = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(16)).annotations({
  description: "The plan's code of the activity, e.g. A2",
})
const Text = (max: number) => Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(max))

const planFields = {
  code: Code,
  title: Text(500),
  plannedStart: IsoDateSchema,
  plannedEnd: IsoDateSchema,
  actualStart: Schema.optional(IsoDateSchema),
  actualEnd: Schema.optional(IsoDateSchema),
  status: ActivityStatus,
  responsible: Schema.optional(
    Text(300).annotations({ description: "The organisation responsible for the activity" }),
  ),
  deliverables: Schema.Array(Text(300)).pipe(Schema.maxItems(50)),
}

/** The dates of a plan entry in order: an end is never before its start. */
export const planDatesProblem = (a: {
  readonly plannedStart: IsoDate
  readonly plannedEnd: IsoDate
  readonly actualStart?: IsoDate | undefined
  readonly actualEnd?: IsoDate | undefined
}): { readonly path: ReadonlyArray<string>; readonly message: string } | undefined => {
  if (a.plannedEnd < a.plannedStart)
    return { path: ["plannedEnd"], message: "plannedEnd is before plannedStart" }
  if (a.actualStart !== undefined && a.actualEnd !== undefined && a.actualEnd < a.actualStart)
    return { path: ["actualEnd"], message: "actualEnd is before actualStart" }
  if (a.actualStart === undefined && a.actualEnd !== undefined)
    return { path: ["actualStart"], message: "an activity that ended has an actualStart" }
  return undefined
}

/** What a client sends to add an activity to a project's plan. */
export class NewActivity extends Schema.Class<NewActivity>("NewActivity")(
  Schema.Struct(planFields).pipe(Schema.filter((a) => planDatesProblem(a) ?? true)),
) {}

/** A change to an activity: only the fields sent change. */
export class ActivityPatch extends Schema.Class<ActivityPatch>("ActivityPatch")({
  code: Schema.optional(Code),
  title: Schema.optional(Text(500)),
  plannedStart: Schema.optional(IsoDateSchema),
  plannedEnd: Schema.optional(IsoDateSchema),
  actualStart: Schema.optional(IsoDateSchema),
  actualEnd: Schema.optional(IsoDateSchema),
  status: Schema.optional(ActivityStatus),
  responsible: Schema.optional(Text(300)),
  deliverables: Schema.optional(Schema.Array(Text(300)).pipe(Schema.maxItems(50))),
}) {}

/** What staff write about an activity for a reporting period. */
export class NewActivityProgress extends Schema.Class<NewActivityProgress>("NewActivityProgress")(
  Schema.Struct({
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    text: Text(4000),
  }).pipe(
    Schema.filter((p) =>
      p.periodEnd < p.periodStart
        ? { path: ["periodEnd"], message: "periodEnd is before periodStart" }
        : true,
    ),
  ),
) {}

/** A progress text as stored. */
export class ActivityProgress extends Schema.Class<ActivityProgress>("ActivityProgress")({
  id: Schema.String,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  text: Schema.String,
  createdAt: Schema.String,
}) {}

/** An activity of a project plan as stored, with its progress texts (oldest first). */
export class Activity extends Schema.Class<Activity>("Activity")({
  id: ActivityId,
  projectId: ProjectId,
  ...planFields,
  progress: Schema.Array(ActivityProgress),
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** An activity as the API shows it: with how it lies against the project period. */
export const ActivityView = Schema.Struct({
  ...Activity.fields,
  outsideProjectPeriod: Schema.Boolean.annotations({
    description:
      "Whether the activity (planned or actual) starts before the project or ends after it, e.g. once an extension moved the end",
  }),
}).annotations({ identifier: "ActivityView" })
/** An activity as the API shows it. */
export type ActivityView = typeof ActivityView.Type

/** A project's plan as `GET /v1/projects/{id}/activities` answers it, ordered by code. */
export const ActivityList = Schema.Struct({ items: Schema.Array(ActivityView) }).annotations({
  identifier: "ActivityList",
})
/** A project's plan as the API answers it. */
export type ActivityList = typeof ActivityList.Type

/** The dates an activity actually spans: actual dates where known, planned ones otherwise. */
export const activitySpan = (a: {
  readonly plannedStart: IsoDate
  readonly plannedEnd: IsoDate
  readonly actualStart?: IsoDate | undefined
  readonly actualEnd?: IsoDate | undefined
}): { readonly start: IsoDate; readonly end: IsoDate } => ({
  start: a.actualStart ?? a.plannedStart,
  end: a.actualEnd ?? a.plannedEnd,
})

/**
 * Whether an activity lies partly outside the project period `[start, end]`. Extending a
 * project moves no activity: the plan page shows the ones this flags instead.
 */
export const outsideProjectPeriod = (
  a: Parameters<typeof activitySpan>[0],
  period: { readonly start: IsoDate; readonly end: IsoDate },
): boolean => {
  const ends = [a.plannedEnd, ...(a.actualEnd ? [a.actualEnd] : [])]
  const starts = [a.plannedStart, ...(a.actualStart ? [a.actualStart] : [])]
  return starts.some((d) => d < period.start) || ends.some((d) => d > period.end)
}

/** The API's view of an activity against the project period. */
export const toActivityView = (
  a: Activity,
  period: { readonly start: IsoDate; readonly end: IsoDate },
): ActivityView => ({ ...a, outsideProjectPeriod: outsideProjectPeriod(a, period) })

/** The plan fields of an activity, without its id, project, progress and version. */
export type PlanEntry = Schema.Struct.Type<typeof planFields>

/** The plan fields of an activity with a patch applied; check the result with {@link planDatesProblem}. */
export const applyActivityPatch = (a: PlanEntry, patch: ActivityPatch): PlanEntry => {
  const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  return { ...a, ...changed } as PlanEntry
}

/** Progress texts whose period overlaps `[start, end]`, oldest first. */
export const progressInPeriod = (
  progress: ReadonlyArray<ActivityProgress>,
  start: IsoDate,
  end: IsoDate,
): ReadonlyArray<ActivityProgress> => progress.filter((p) => p.periodStart <= end && p.periodEnd >= start)

/** No activity has the given id (or the caller may not know it exists). */
export class ActivityNotFound extends Schema.TaggedError<ActivityNotFound>()("ActivityNotFound", {
  activityId: Schema.String,
}) {}

/** The project's plan already has an activity with this code. */
export class ActivityCodeTaken extends Schema.TaggedError<ActivityCodeTaken>()("ActivityCodeTaken", {
  code: Schema.String,
  existingId: Schema.String,
}) {}

/** The activity changed since the client read it (`If-Match` named an older version). */
export class ActivityVersionStale extends Schema.TaggedError<ActivityVersionStale>()("ActivityVersionStale", {
  activityId: Schema.String,
  currentVersion: Schema.Int,
}) {}

/** A rule refuses the request; `errors` lists the failing paths, as a validation problem does. */
export class PlanRuleViolated extends Schema.TaggedError<PlanRuleViolated>()("PlanRuleViolated", {
  message: Schema.String,
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {}
