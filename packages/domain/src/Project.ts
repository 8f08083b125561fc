/**
 * Capacity-building projects: their period, targets and extensions.
 * @module
 */
import { idMaxLength } from "./Text.js"
import { Either, Schema } from "effect"
import {
  type IsoDate,
  IsoDate as IsoDateSchema,
  daysBetween,
  endOfPeriod,
  PlausibleDate,
} from "./CalendarDate.js"
import { TargetGroup } from "./Institution.js"
import { pageOf } from "./Page.js"

/** Opaque identifier of a project. */
export const ProjectId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("ProjectId"),
  Schema.annotations({ identifier: "ProjectId" }),
)
/** Opaque identifier of a project. */
export type ProjectId = typeof ProjectId.Type

/** The three reach indicators a funder sets targets for. */
export const Indicator = Schema.Literal("direct", "indirect", "total").annotations({
  identifier: "Indicator",
})
/** The three reach indicators a funder sets targets for. */
export type Indicator = typeof Indicator.Type

/** The largest target or count the system takes: more than anyone a project can reach, far inside a database integer. */
export const maxCount = 100_000_000

/** A whole number greater than zero. */
export const PositiveInt = Schema.Int.pipe(Schema.greaterThan(0))
/** A whole number, zero or more. */
export const NonNegativeInt = Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))

/**
 * Targets for parts of an indicator, keyed like the reach breakdowns:
 * `{ "byInstitutionKind": { "municipality": 60 } }` means at least 60 representatives of
 * municipalities.
 */
export const BreakdownTargets = Schema.Record({
  key: Schema.String,
  value: Schema.Record({
    key: Schema.String,
    value: NonNegativeInt.pipe(Schema.lessThanOrEqualTo(maxCount)),
  }),
}).annotations({ identifier: "BreakdownTargets" })

/** A target the funder set for one indicator. */
export class Target extends Schema.Class<Target>("Target")({
  indicator: Indicator,
  value: PositiveInt.pipe(Schema.lessThanOrEqualTo(maxCount)),
  breakdown: Schema.optional(BreakdownTargets),
}) {}

/** The most months one extension adds to a project's period. */
export const maxExtensionMonths = 60

/**
 * The most months all of a project's extensions together may add: ten years. Funders extend a
 * project for a delay (COVID-19 added months, not decades); with a start by 2100 and at most
 * 240 months planned, its end stays within the 2130s, far from what a date can write.
 */
export const maxTotalExtensionMonths = 120

/** A lengthening of the project period, for example after COVID-19. */
export class Extension extends Schema.Class<Extension>("Extension")({
  months: Schema.Int.pipe(Schema.between(1, maxExtensionMonths)).annotations({
    description: "How many months the period grows by",
  }),
  reason: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(500)),
}) {}

/**
 * The share of an event's days a participant must attend to count as reached, in (0, 1];
 * without it one attended day is enough.
 */
export const MinimumAttendanceShare = Schema.Number.pipe(
  Schema.greaterThan(0),
  Schema.lessThanOrEqualTo(1),
).annotations({ identifier: "MinimumAttendanceShare" })

/** The optional reach rules a project may set: a narrower target group, a minimum attendance. */
const reachRuleFields = {
  targetGroup: Schema.optional(TargetGroup),
  minimumAttendanceShare: Schema.optional(MinimumAttendanceShare),
}

/** Whether the project's scope covers the integration agreements (its reports then carry the review's counts). */
const scopeFields = {
  agreementsInScope: Schema.optional(
    Schema.Boolean.annotations({
      description:
        "The project's scope covers integration agreements: its reports carry the review's counts for their period (false when absent)",
    }),
  ),
}

const Code = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(64))
const Title = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(500))

/** What a client sends to create a project. */
export class NewProject extends Schema.Class<NewProject>("NewProject")({
  code: Code,
  title: Title,
  funder: Schema.optional(Schema.String.pipe(Schema.maxLength(500))),
  startDate: PlausibleDate,
  durationMonths: PositiveInt.pipe(Schema.lessThanOrEqualTo(240)),
  targets: Schema.Array(Target).pipe(Schema.maxItems(50)),
  ...reachRuleFields,
  ...scopeFields,
}) {}

/** A capacity-building project as stored, with its extensions. */
export class Project extends Schema.Class<Project>("Project")({
  id: ProjectId,
  code: Code,
  title: Title,
  funder: Schema.optional(Schema.String),
  startDate: IsoDateSchema,
  durationMonths: PositiveInt,
  targets: Schema.Array(Target),
  extensions: Schema.Array(Extension),
  ...reachRuleFields,
  ...scopeFields,
  version: PositiveInt,
}) {
  /** Total months of the period, extensions included. */
  get totalMonths(): number {
    return projectMonths(this)
  }
  /** The last day of the project period. */
  get endDate(): IsoDate {
    return projectEndDate(this)
  }
}

/** A project as the API shows it: the stored record and its current end date. */
export const ProjectView = Schema.Struct({ ...Project.fields, endDate: IsoDateSchema }).annotations({
  identifier: "ProjectView",
})
/** A project as the API shows it. */
export type ProjectView = typeof ProjectView.Type

/** The API's view of a project. */
export const toProjectView = (p: Project): ProjectView => ({ ...p, endDate: p.endDate })

/** The period's length in months, counting every extension. */
export const projectMonths = (p: {
  readonly durationMonths: number
  readonly extensions: ReadonlyArray<{ readonly months: number }>
}): number => p.extensions.reduce((sum, e) => sum + e.months, p.durationMonths)

/**
 * The last day of the project period: `startDate` + `durationMonths` (plus every extension's
 * months) − 1 day. 1 Dec 2017 + 16 months ends on 31 Mar 2019.
 */
export const projectEndDate = (p: {
  readonly startDate: IsoDate
  readonly durationMonths: number
  readonly extensions: ReadonlyArray<{ readonly months: number }>
}): IsoDate => endOfPeriod(p.startDate, projectMonths(p))

/**
 * The share of the project period elapsed on `asOf`:
 * (asOf − start + 1 day) / (end − start + 1 day), clamped to [0, 1].
 */
export const elapsedShare = (
  p: {
    readonly startDate: IsoDate
    readonly durationMonths: number
    readonly extensions: ReadonlyArray<{ readonly months: number }>
  },
  asOf: IsoDate,
): number => {
  const length = daysBetween(p.startDate, projectEndDate(p)) + 1
  const elapsed = daysBetween(p.startDate, asOf) + 1
  return Math.min(1, Math.max(0, elapsed / length))
}

/** The months a project's extensions add together. */
export const extensionMonths = (p: {
  readonly extensions: ReadonlyArray<{ readonly months: number }>
}): number => p.extensions.reduce((sum, e) => sum + e.months, 0)

/**
 * Whether a project may take one more extension: refused when its extensions together would
 * add more than {@link maxTotalExtensionMonths}.
 */
export const checkExtension = (
  p: { readonly id: string; readonly extensions: ReadonlyArray<{ readonly months: number }> },
  extension: { readonly months: number },
): Either.Either<void, ProjectExtensionsExceeded> => {
  const extendedMonths = extensionMonths(p)
  return extendedMonths + extension.months <= maxTotalExtensionMonths
    ? Either.void
    : Either.left(
        new ProjectExtensionsExceeded({
          projectId: p.id,
          maxTotalExtensionMonths,
          extendedMonths,
          requestedMonths: extension.months,
        }),
      )
}

/** The extensions of a project would together add more than {@link maxTotalExtensionMonths}. */
export class ProjectExtensionsExceeded extends Schema.TaggedError<ProjectExtensionsExceeded>()(
  "ProjectExtensionsExceeded",
  {
    projectId: Schema.String,
    maxTotalExtensionMonths: Schema.Int,
    /** The months the project's extensions add already. */
    extendedMonths: Schema.Int,
    requestedMonths: Schema.Int,
  },
) {}

/** No project has the given id (or the caller may not know it exists). */
export class ProjectNotFound extends Schema.TaggedError<ProjectNotFound>()("ProjectNotFound", {
  projectId: Schema.String,
}) {}

/** Another project already uses the code. */
export class ProjectCodeTaken extends Schema.TaggedError<ProjectCodeTaken>()("ProjectCodeTaken", {
  code: Schema.String,
  existingId: Schema.String,
}) {}

/** A page of projects (with their end dates) as the API answers it. */
export const ProjectPage = pageOf(ProjectView, "ProjectPage")
