/**
 * What a funder report says, computed from the records: a pure function from the project, its
 * reach on the period's last day and on the day before it starts, its plan, events,
 * dissemination, evidence and revisions to the report's content (design/reports.md,
 * "Content"). The reach part is exactly `GET /v1/projects/{id}/reach?asOf=<end>`: it is
 * {@link toReachReport} of the same reach result.
 *
 * The content holds no generation time and no version, so two generations from the same records
 * give the same content (and the same hash): a new version is made only when it changed.
 * @module
 */
import { Schema } from "effect"
import { type Activity, ActivityStatus, activitySpan, progressInPeriod } from "./Activity.js"
import { AnnexEvent, type AnnexParticipationRecord, attendanceAnnex } from "./AttendanceAnnex.js"
import { type IsoDate, IsoDate as IsoDateSchema } from "./CalendarDate.js"
import { attachedToOf, EvidenceKind, type EvidenceTarget, evidenceInPeriod } from "./Evidence.js"
import type { CountMethod } from "./Dissemination.js"
import type { InstitutionFacts } from "./Institution.js"
import { projectEndDate } from "./Project.js"
import {
  type ReachResult,
  ReachReport,
  type TargetProgress,
  TargetStatus,
  targetProgress,
  toReachReport,
} from "./reach/index.js"
import { ReachPoint } from "./reach/index.js"
import { ReportKind, ReportLanguage, type ReportPeriod } from "./Report.js"
import { ReviewFunnel } from "./Review.js"

const Count = Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))
const Counts = Schema.Record({ key: Schema.String, value: Count })

/** Who and what the report is about. */
export const ReportIdentity = Schema.Struct({
  projectId: Schema.String,
  code: Schema.String,
  title: Schema.String,
  funder: Schema.optional(Schema.String),
  projectStart: IsoDateSchema,
  projectEnd: IsoDateSchema,
  extensions: Schema.Array(Schema.Struct({ months: Count, reason: Schema.String })),
  kind: ReportKind,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
}).annotations({ identifier: "ReportIdentity" })

/** One indicator row: a target or a breakdown target, consolidated and new in the period. */
export const IndicatorRow = Schema.Struct({
  indicator: Schema.String.annotations({ description: "direct, indirect or total" }),
  breakdown: Schema.optional(Schema.String),
  bucket: Schema.optional(Schema.String),
  target: Count,
  achieved: Count.annotations({ description: "Consolidated: achieved as of the period's end" }),
  newInPeriod: Schema.Int.annotations({
    description: "Achieved at the end minus achieved the day before the start",
  }),
  expected: Schema.Number,
  status: TargetStatus,
}).annotations({ identifier: "IndicatorRow" })
/** One indicator row. */
export type IndicatorRow = typeof IndicatorRow.Type

/** Institutions with at least one directly reached representative. */
export const InstitutionsSupported = Schema.Struct({
  total: Count,
  byKind: Counts,
  byLevel: Counts,
  newInPeriod: Count,
}).annotations({ identifier: "InstitutionsSupported" })

/** One event that started in the period. */
export const ReportEvent = Schema.Struct({
  id: Schema.String,
  kind: Schema.String,
  title: Schema.String,
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  city: Schema.String,
  registered: Count.annotations({ description: "Participations not cancelled" }),
  attended: Count.annotations({ description: "Participations with at least one attended day" }),
  persons: Count.annotations({ description: "Distinct persons (after merges) who attended" }),
  newPersons: Count.annotations({
    description: "Of them, those who had attended nothing of the project before",
  }),
}).annotations({ identifier: "ReportEvent" })
/** One event that started in the period. */
export type ReportEvent = typeof ReportEvent.Type

/** One dissemination activity dated in the period. */
export const ReportDissemination = Schema.Struct({
  id: Schema.String,
  kind: Schema.String,
  date: IsoDateSchema,
  title: Schema.String,
  named: Count,
  unnamedCounted: Count,
  unnamedEstimated: Count,
}).annotations({ identifier: "ReportDissemination" })
/** One dissemination activity dated in the period. */
export type ReportDissemination = typeof ReportDissemination.Type

/** One activity of the plan with its progress texts for the period. */
export const ReportActivity = Schema.Struct({
  code: Schema.String,
  title: Schema.String,
  plannedStart: IsoDateSchema,
  plannedEnd: IsoDateSchema,
  actualStart: Schema.optional(IsoDateSchema),
  actualEnd: Schema.optional(IsoDateSchema),
  status: ActivityStatus,
  responsible: Schema.optional(Schema.String),
  deliverables: Schema.Array(Schema.String),
  progress: Schema.Array(Schema.String),
}).annotations({ identifier: "ReportActivity" })
/** One activity of the plan in a report. */
export type ReportActivity = typeof ReportActivity.Type

/** One evidence file of the period's events and activities. */
export const ReportEvidence = Schema.Struct({
  id: Schema.String,
  attachedTo: Schema.String.annotations({ description: "event:<id> or activity:<id>" }),
  kind: EvidenceKind,
  fileName: Schema.String,
  mediaType: Schema.String,
  size: Count,
  sha256: Schema.String,
}).annotations({ identifier: "ReportEvidence" })
/** One evidence file. */
export type ReportEvidence = typeof ReportEvidence.Type

/** One correction of a locked period. */
export const ReportRevision = Schema.Struct({
  id: Schema.String,
  at: Schema.String,
  entity: Schema.String,
  change: Schema.String,
  unlockedBy: Schema.String,
  reason: Schema.String,
}).annotations({ identifier: "ReportRevision" })
/** One correction of a locked period. */
export type ReportRevision = typeof ReportRevision.Type

/** The review's counts for the period, when the project's scope covers agreements. */
export const ReportAgreements = Schema.Struct({
  asOfEnd: ReviewFunnel,
  newInPeriod: Schema.Struct({
    intents: Schema.Int,
    matched: Schema.Int,
    concluded: Schema.Int,
    extended: Schema.Int,
  }),
}).annotations({ identifier: "ReportAgreements" })

/** A report's content: the JSON format's body, less the version and the generation time. */
export const ReportContent = Schema.Struct({
  projectId: Schema.String,
  kind: ReportKind,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  identity: ReportIdentity,
  indicators: Schema.Array(IndicatorRow),
  reach: Schema.Struct({
    asOfEnd: ReachReport,
    newInPeriod: Schema.Struct({ direct: Schema.Int, indirect: Schema.Int, total: Schema.Int }),
    series: Schema.Array(ReachPoint).annotations({
      description:
        "Reach at every month's end from the project's start to the period's end, with what the targets expected: GET …/reach/series",
    }),
  }),
  institutionsSupported: InstitutionsSupported,
  activities: Schema.Array(ReportActivity),
  events: Schema.Array(ReportEvent),
  dissemination: Schema.Array(ReportDissemination),
  agreements: Schema.optional(ReportAgreements),
  attendance: Schema.optional(
    Schema.Array(AnnexEvent).annotations({
      description:
        "Only in an attendance annex: each event of the period with its participants by initials, institution, role and days (never names)",
    }),
  ),
  evidence: Schema.Array(ReportEvidence),
  revisions: Schema.Array(ReportRevision),
}).annotations({ identifier: "ReportContent" })
/** A report's content. */
export type ReportContent = typeof ReportContent.Type

/** The project as a report reads it. */
export interface ReportProject {
  readonly id: string
  readonly code: string
  readonly title: string
  readonly funder?: string | undefined
  readonly startDate: IsoDate
  readonly durationMonths: number
  readonly extensions: ReadonlyArray<{ readonly months: number; readonly reason: string }>
}

/** One event of the project, as a report reads it. */
export interface ReportEventRecord {
  readonly id: string
  readonly kind: string
  readonly title: string
  readonly startDate: IsoDate
  readonly endDate: IsoDate
  readonly city: string
}

/** One participation at an event of the period: the surviving person, status and attended days. */
export interface ReportParticipationRecord {
  readonly eventId: string
  readonly personId: string
  readonly cancelled: boolean
  readonly attendedDays: number
}

/**
 * One event's figures: participations registered (not cancelled) and attended (at least one day),
 * the persons who attended, and of those the ones whose first attended day in the project is at
 * this event or later. The store counts these over paged rows; {@link eventFigures} is the reference.
 */
export interface ReportEventFigures {
  readonly registered: number
  readonly attended: number
  readonly persons: number
  readonly newPersons: number
}

/** One dissemination activity, as a report reads it. */
export interface ReportDisseminationRecord {
  readonly id: string
  readonly kind: string
  readonly date: IsoDate
  readonly title: string
  readonly named: number
  readonly additionalCount: number
  readonly method: typeof CountMethod.Type
}

/** One evidence file of the project, as a report reads it. */
export interface ReportEvidenceRecord {
  readonly id: string
  readonly attachedTo: EvidenceTarget
  readonly kind: typeof EvidenceKind.Type
  readonly name: string
  readonly mediaType: string
  readonly size: number
  readonly sha256: string
}

/** Every record a report is computed from. */
export interface ReportRecords {
  readonly project: ReportProject
  readonly kind: ReportKind
  readonly period: ReportPeriod
  /** Reach on the period's last day: what `GET …/reach?asOf=<end>` answers. */
  readonly reachAtEnd: ReachResult
  /** Reach on the day before the period starts. */
  readonly reachBeforeStart: ReachResult
  /** Reach at every month's end from the project's start to the period's end (the chart). */
  readonly series: ReadonlyArray<ReachPoint>
  readonly activities: ReadonlyArray<Activity>
  /** The project's events; those starting in the period are reported. */
  readonly events: ReadonlyArray<ReportEventRecord>
  /** The figures of the period's events, by event id (an event missing here had no participation). */
  readonly eventFigures: ReadonlyMap<string, ReportEventFigures>
  readonly dissemination: ReadonlyArray<ReportDisseminationRecord>
  readonly agreements?: { readonly asOfEnd: ReviewFunnel; readonly beforeStart: ReviewFunnel } | undefined
  /** An attendance annex's participations at the period's events (names only to take initials). */
  readonly attendance?: ReadonlyArray<AnnexParticipationRecord> | undefined
  /** The project's evidence files; those of the period's events and activities are reported. */
  readonly evidence: ReadonlyArray<ReportEvidenceRecord>
  readonly revisions: ReadonlyArray<ReportRevision>
  /**
   * The evaluations' useful share over the project's events started by the period's end (what
   * the reach endpoint adds as `usefulShare`); undefined when no usefulness question was answered.
   */
  readonly usefulShare?: number | undefined
}

const inPeriod = (date: IsoDate, p: ReportPeriod) => date >= p.start && date <= p.end

const rowKey = (r: { indicator: string; breakdown?: string | undefined; bucket?: string | undefined }) =>
  `${r.indicator}/${r.breakdown ?? ""}/${r.bucket ?? ""}`

const progressRows = (targets: ReadonlyArray<TargetProgress>) =>
  targets.flatMap((t) => [
    { indicator: t.indicator, target: t.value, achieved: t.achieved, expected: t.expected, status: t.status },
    ...(t.breakdown ?? []).map((b) => ({
      indicator: t.indicator,
      breakdown: b.breakdown,
      bucket: b.bucket,
      target: b.value,
      achieved: b.achieved,
      expected: b.expected,
      status: b.status,
    })),
  ])

/** Every target and breakdown target: achieved at the end, new in the period, expected and status. */
export const indicatorRows = (atEnd: ReachResult, beforeStart: ReachResult): ReadonlyArray<IndicatorRow> => {
  const before = new Map(progressRows(targetProgress(beforeStart)).map((r) => [rowKey(r), r.achieved]))
  return progressRows(targetProgress(atEnd)).map((r) => ({
    ...r,
    newInPeriod: r.achieved - (before.get(rowKey(r)) ?? 0),
  }))
}

const supportedInstitutions = (r: ReachResult): ReadonlyMap<string, InstitutionFacts> => {
  const found = new Map<string, InstitutionFacts>()
  for (const a of r.direct.values()) if (a.institution) found.set(a.institution.id, a.institution)
  return found
}

const tally = (values: Iterable<string>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}

/**
 * Institutions supported: those whose representative was directly reached (counted at the
 * institution of each person's first qualifying participation), at the end and new in the period.
 */
export const institutionsSupported = (atEnd: ReachResult, beforeStart: ReachResult) => {
  const end = supportedInstitutions(atEnd)
  const before = supportedInstitutions(beforeStart)
  const all = [...end.values()]
  return {
    total: end.size,
    byKind: tally(all.map((i) => i.kind)),
    byLevel: tally(all.map((i) => i.level)),
    newInPeriod: [...end.keys()].filter((id) => !before.has(id)).length,
  }
}

/**
 * Each event's figures from its participations and, per person, the first day they attended
 * anything of the project: what the store counts over its paged participations.
 */
export const eventFigures = (
  events: ReadonlyArray<ReportEventRecord>,
  participations: ReadonlyArray<ReportParticipationRecord>,
  firstAttended: ReadonlyMap<string, IsoDate>,
): ReadonlyMap<string, ReportEventFigures> => {
  const byEvent = new Map<string, Array<ReportParticipationRecord>>()
  for (const p of participations) {
    const list = byEvent.get(p.eventId)
    if (list) list.push(p)
    else byEvent.set(p.eventId, [p])
  }
  const figures = new Map<string, ReportEventFigures>()
  for (const e of events) {
    const here = byEvent.get(e.id)
    if (!here) continue
    const attended = here.filter((p) => p.attendedDays > 0)
    const persons = new Set(attended.map((p) => p.personId))
    figures.set(e.id, {
      registered: here.filter((p) => !p.cancelled).length,
      attended: attended.length,
      persons: persons.size,
      newPersons: [...persons].filter((id) => (firstAttended.get(id) ?? e.startDate) >= e.startDate).length,
    })
  }
  return figures
}

const noFigures: ReportEventFigures = { registered: 0, attended: 0, persons: 0, newPersons: 0 }

/** The events that start in the period, ordered by start date and id, with their figures. */
export const eventsHeld = (
  events: ReadonlyArray<ReportEventRecord>,
  figures: ReadonlyMap<string, ReportEventFigures>,
  period: ReportPeriod,
): ReadonlyArray<ReportEvent> =>
  events
    .filter((e) => inPeriod(e.startDate, period))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1))
    .map((e) => {
      const { registered, attended, persons, newPersons } = figures.get(e.id) ?? noFigures
      return {
        id: e.id,
        kind: e.kind,
        title: e.title,
        startDate: e.startDate,
        endDate: e.endDate,
        city: e.city,
        registered,
        attended,
        persons,
        newPersons,
      }
    })

/** The evidence of the period's events and activities, ordered by what it is attached to, then name and id. */
export const evidenceOfPeriod = (
  evidence: ReadonlyArray<ReportEvidenceRecord>,
  events: ReadonlyArray<ReportEventRecord>,
  activities: ReadonlyArray<Activity>,
  period: ReportPeriod,
): ReadonlyArray<ReportEvidence> => {
  const eventStarts = new Map(events.map((e) => [e.id, e.startDate]))
  const spans = new Map(activities.map((a) => [a.id as string, activitySpan(a)]))
  return evidence
    .filter((e) =>
      evidenceInPeriod(
        e,
        period,
        (id) => eventStarts.get(id),
        (id) => spans.get(id),
      ),
    )
    .map((e) => ({
      id: e.id,
      attachedTo: attachedToOf(e.attachedTo),
      kind: e.kind,
      fileName: e.name,
      mediaType: e.mediaType,
      size: e.size,
      sha256: e.sha256,
    }))
    .sort((a, b) =>
      a.attachedTo !== b.attachedTo
        ? a.attachedTo < b.attachedTo
          ? -1
          : 1
        : a.fileName !== b.fileName
          ? a.fileName < b.fileName
            ? -1
            : 1
          : a.id < b.id
            ? -1
            : 1,
    )
}

const plannedOrder = (a: Activity, b: Activity) => a.code.localeCompare(b.code, "en", { numeric: true })

/** The report's content, from the records. */
export const reportContent = (records: ReportRecords): ReportContent => {
  const { project, period } = records
  // Beside the targets, as the reach endpoint on the end date answers it.
  const asOfEnd: ReachReport = {
    ...toReachReport(records.reachAtEnd),
    ...(records.usefulShare === undefined ? {} : { usefulShare: records.usefulShare }),
  }
  const before = toReachReport(records.reachBeforeStart)
  const agreements = records.agreements
  return {
    projectId: project.id,
    kind: records.kind,
    periodStart: period.start,
    periodEnd: period.end,
    identity: {
      projectId: project.id,
      code: project.code,
      title: project.title,
      ...(project.funder === undefined ? {} : { funder: project.funder }),
      projectStart: project.startDate,
      projectEnd: projectEndDate(project),
      extensions: project.extensions.map((e) => ({ months: e.months, reason: e.reason })),
      kind: records.kind,
      periodStart: period.start,
      periodEnd: period.end,
    },
    indicators: indicatorRows(records.reachAtEnd, records.reachBeforeStart),
    reach: {
      asOfEnd,
      newInPeriod: {
        direct: asOfEnd.direct.total - before.direct.total,
        indirect: asOfEnd.indirect.total - before.indirect.total,
        total: asOfEnd.total - before.total,
      },
      series: [...records.series],
    },
    institutionsSupported: institutionsSupported(records.reachAtEnd, records.reachBeforeStart),
    activities: [...records.activities].sort(plannedOrder).map((a) => ({
      code: a.code,
      title: a.title,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      ...(a.actualStart === undefined ? {} : { actualStart: a.actualStart }),
      ...(a.actualEnd === undefined ? {} : { actualEnd: a.actualEnd }),
      status: a.status,
      ...(a.responsible === undefined ? {} : { responsible: a.responsible }),
      deliverables: [...a.deliverables],
      progress: progressInPeriod(a.progress, period.start, period.end).map((p) => p.text),
    })),
    events: eventsHeld(records.events, records.eventFigures, period),
    dissemination: records.dissemination
      .filter((d) => inPeriod(d.date, period))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        date: d.date,
        title: d.title,
        named: d.named,
        unnamedCounted: d.method === "counted" ? d.additionalCount : 0,
        unnamedEstimated: d.method === "estimated" ? d.additionalCount : 0,
      })),
    ...(agreements
      ? {
          agreements: {
            asOfEnd: agreements.asOfEnd,
            newInPeriod: {
              intents: agreements.asOfEnd.intents - agreements.beforeStart.intents,
              matched: agreements.asOfEnd.matched - agreements.beforeStart.matched,
              concluded: agreements.asOfEnd.concluded - agreements.beforeStart.concluded,
              extended: agreements.asOfEnd.extended - agreements.beforeStart.extended,
            },
          },
        }
      : {}),
    ...(records.kind === "attendance_annex"
      ? { attendance: attendanceAnnex(records.events, records.attendance ?? [], period) }
      : {}),
    evidence: [...evidenceOfPeriod(records.evidence, records.events, records.activities, period)],
    revisions: [...records.revisions],
  }
}

/** One difference between two versions' contents. */
export interface ContentChange {
  /** Where, as a dotted path: `indicators.0.achieved`, `events.3`. */
  readonly path: string
  readonly before?: unknown
  readonly after?: unknown
}

/** Changes listed per version at most; more are summed up in the last entry. */
export const maxListedChanges = 200

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null

/**
 * What changed from one version's content to the next: every leaf that differs, by path (an
 * array element that appears or disappears is one change). At most {@link maxListedChanges}.
 */
export const contentChanges = (before: unknown, after: unknown): ReadonlyArray<ContentChange> => {
  const changes: Array<ContentChange> = []
  let more = 0
  const walk = (a: unknown, b: unknown, path: string) => {
    if (Object.is(a, b)) return
    if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
      for (const k of keys) walk(a[k], b[k], path === "" ? k : `${path}.${k}`)
      return
    }
    if (changes.length < maxListedChanges)
      changes.push({
        path,
        ...(a === undefined ? {} : { before: a }),
        ...(b === undefined ? {} : { after: b }),
      })
    else more++
  }
  walk(before, after, "")
  if (more > 0) changes.push({ path: "…", after: `${more} more changes` })
  return changes
}

/** JSON with object keys sorted, so equal contents give equal text (and equal hashes). */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    isObject(v) && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  )

/** A generated report as its JSON file holds it: the content, its version, language and generation time. */
export const ReportDocument = Schema.Struct({
  ...ReportContent.fields,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
  language: ReportLanguage,
  generatedAt: Schema.String.annotations({ description: "ISO 8601 UTC" }),
}).annotations({ identifier: "ReportDocument" })
/** A generated report as its JSON file holds it. */
export type ReportDocument = typeof ReportDocument.Type
