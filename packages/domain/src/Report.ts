/**
 * Funder reports: their kinds, periods and the rules of a request to generate one
 * (design/reports.md). A report is keyed by (project, kind, period).
 * @module
 */
import { Schema } from "effect"
import { addDays, type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import { projectEndDate } from "./Project.js"

/**
 * The kinds of report a funder receives. `attendance_annex` adds each event's participant list, by
 * initials and institution: no report holds a name (AttendanceAnnex.ts).
 */
export const ReportKind = Schema.Literal("interim", "final", "reach_annex", "attendance_annex").annotations({
  identifier: "ReportKind",
})
/** The kinds of report a funder receives. */
export type ReportKind = typeof ReportKind.Type

/** The languages a report is written in. */
export const ReportLanguage = Schema.Literal("bg", "en").annotations({ identifier: "ReportLanguage" })
/** The languages a report is written in. */
export type ReportLanguage = typeof ReportLanguage.Type

/** The file formats every ready report has. */
export const ReportFormat = Schema.Literal("json", "xlsx", "pdf", "csv").annotations({
  identifier: "ReportFormat",
})
/** The file formats every ready report has. */
export type ReportFormat = typeof ReportFormat.Type

/** Every format, in the order the worker writes them. */
export const reportFormats: ReadonlyArray<ReportFormat> = ReportFormat.literals

/** What a client sends to generate a report; `final` needs no dates (it takes the project period). */
export class ReportRequest extends Schema.Class<ReportRequest>("ReportRequest")({
  kind: ReportKind,
  periodStart: Schema.optional(IsoDateSchema),
  periodEnd: Schema.optional(IsoDateSchema),
  language: Schema.optional(ReportLanguage),
}) {}

/** A period `[start, end]`, both days inclusive. */
export interface ReportPeriod {
  readonly start: IsoDate
  readonly end: IsoDate
}

/** One failing path of a refused request. */
export interface PathProblem {
  readonly path: string
  readonly message: string
}

/** A report request that breaks a rule (a period outside the project, an end before a start…). */
export class ReportRequestInvalid extends Schema.TaggedError<ReportRequestInvalid>()("ReportRequestInvalid", {
  message: Schema.String,
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {}

/** The project facts a period is checked against. */
export interface PeriodProject {
  readonly startDate: IsoDate
  readonly durationMonths: number
  readonly extensions: ReadonlyArray<{ readonly months: number }>
}

/**
 * The period a request names, checked: the final report always covers the whole project
 * period (extensions included); any other kind needs both dates, the end not before the start,
 * both inside the project period. The problems name the failing paths.
 */
export const requestedPeriod = (
  project: PeriodProject,
  request: {
    readonly kind: ReportKind
    readonly periodStart?: IsoDate | undefined
    readonly periodEnd?: IsoDate | undefined
  },
): { readonly period: ReportPeriod } | { readonly problems: ReadonlyArray<PathProblem> } => {
  const projectEnd = projectEndDate(project)
  if (request.kind === "final") return { period: { start: project.startDate, end: projectEnd } }
  const problems: Array<PathProblem> = []
  const { periodStart: start, periodEnd: end } = request
  if (start === undefined)
    problems.push({ path: "periodStart", message: "periodStart is required for this kind" })
  if (end === undefined) problems.push({ path: "periodEnd", message: "periodEnd is required for this kind" })
  if (start !== undefined && (start < project.startDate || start > projectEnd))
    problems.push({
      path: "periodStart",
      message: `periodStart is outside the project period ${project.startDate} – ${projectEnd}`,
    })
  if (end !== undefined && (end < project.startDate || end > projectEnd))
    problems.push({
      path: "periodEnd",
      message: `periodEnd is outside the project period ${project.startDate} – ${projectEnd}`,
    })
  if (start !== undefined && end !== undefined && end < start)
    problems.push({ path: "periodEnd", message: "periodEnd is before periodStart" })
  return problems.length > 0 || start === undefined || end === undefined
    ? { problems }
    : { period: { start, end } }
}

/** The day before a period starts: "new in the period" is achieved at the end minus achieved then. */
export const dayBefore = (date: IsoDate): IsoDate => addDays(date, -1)

/** Where a report version stands. */
export const ReportStatus = Schema.Literal("queued", "running", "ready", "failed").annotations({
  identifier: "ReportStatus",
})
/** Where a report version stands. */
export type ReportStatus = typeof ReportStatus.Type

/** How far a generation is. */
export const ReportProgress = Schema.Struct({
  percent: Schema.Int.pipe(Schema.between(0, 100)),
  step: Schema.String,
}).annotations({ identifier: "ReportProgress" })

/** One difference between a version and the one before it. */
export const ReportChange = Schema.Struct({
  path: Schema.String,
  before: Schema.optional(Schema.String.annotations({ description: "The value before, as JSON text" })),
  after: Schema.optional(Schema.String.annotations({ description: "The value after, as JSON text" })),
}).annotations({ identifier: "ReportChange" })

/** A report version as the API shows it. */
export const ReportView = Schema.Struct({
  id: Schema.String,
  projectId: Schema.String,
  kind: ReportKind,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  language: ReportLanguage,
  version: Schema.Int.annotations({
    description:
      "The version this generation makes; final once ready (the previous one's when nothing changed)",
  }),
  status: ReportStatus,
  progress: ReportProgress,
  requestedAt: Schema.String,
  readyAt: Schema.optional(Schema.String),
  formats: Schema.optional(Schema.Array(ReportFormat)),
  contentHash: Schema.optional(Schema.String),
  changes: Schema.optional(Schema.Array(ReportChange)),
  sameAs: Schema.optional(
    Schema.String.annotations({
      description: "The earlier report whose content (and files) this one equals",
    }),
  ),
  files: Schema.optional(
    Schema.Array(
      Schema.Struct({
        format: ReportFormat,
        size: Schema.Int,
        sha256: Schema.String,
        mediaType: Schema.String,
      }),
    ),
  ),
  error: Schema.optional(Schema.String),
  scheduled: Schema.Boolean,
  submittedAt: Schema.optional(
    Schema.String.annotations({ description: "When it was submitted; a submitted version never changes" }),
  ),
  submittedBy: Schema.optional(Schema.String),
  submitNote: Schema.optional(Schema.String),
  lockId: Schema.optional(
    Schema.String.annotations({ description: "The lock its submission put on the period" }),
  ),
}).annotations({ identifier: "ReportView" })
/** A report version as the API shows it. */
export type ReportView = typeof ReportView.Type

/** No report has the given id (or the caller may not know it exists). */
export class ReportNotFound extends Schema.TaggedError<ReportNotFound>()("ReportNotFound", {
  reportId: Schema.String,
}) {}

/** The report's files are not written yet. */
export class ReportNotReady extends Schema.TaggedError<ReportNotReady>()("ReportNotReady", {
  reportId: Schema.String,
  currentStatus: ReportStatus,
}) {}
