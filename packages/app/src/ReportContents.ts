/**
 * A report's content from the stored records: the same reach the reach endpoint computes
 * (ReachRepository.reach on the period's end, and on the day before it starts), the plan, the
 * period's events and dissemination, through the domain's `reportContent`. The API (previews)
 * and the worker (generation) call this and nothing else.
 * @module
 */
import {
  dayBefore,
  type Project,
  type ReportContent,
  type ReportKind,
  type ReportPeriod,
  reportContent,
  seriesDates,
} from "@coordina/domain"
import {
  ActivitiesRepository,
  EvidenceRepository,
  PeriodLocksRepository,
  EvaluationsRepository,
  ReachRepository,
  ReportRecordsRepository,
  ReportsRepository,
  ReviewRepository,
} from "@coordina/store"
import { Context, Effect, Layer } from "effect"
import { projectUsefulShare } from "./Evaluations.js"

/** Progress of a computation: a share done and the step being worked on. */
export type OnStep = (percent: number, step: string) => Effect.Effect<void>

const make = Effect.gen(function* () {
  const reach = yield* ReachRepository
  const records = yield* ReportRecordsRepository
  const activities = yield* ActivitiesRepository
  const evidence = yield* EvidenceRepository
  const locks = yield* PeriodLocksRepository
  const reports = yield* ReportsRepository
  const review = yield* ReviewRepository
  const evaluations = yield* EvaluationsRepository

  /** The review's funnel over every agreement, on a day. */
  const funnelOn = (asOf: ReportPeriod["end"]) =>
    Effect.map(review.review({ groupBy: "procedure", asOf }), (r) => r.total.funnel)

  /** The corrections of locked periods since the project's latest submission: the next report lists them. */
  const revisionsSinceLastReport = (projectId: string) =>
    Effect.gen(function* () {
      const since = yield* reports.lastSubmittedAt(projectId)
      return (yield* locks.revisions(projectId, since)).map(
        ({ id, at, entity, change, unlockedBy, reason }) => ({
          id,
          at,
          entity,
          change,
          unlockedBy,
          reason,
        }),
      )
    })

  const compute = Effect.fn("ReportContents.compute")(function* (
    project: Project,
    kind: ReportKind,
    period: ReportPeriod,
    onStep: OnStep = () => Effect.void,
  ) {
    yield* onStep(5, "reach at the period's end")
    const reachAtEnd = yield* reach.reach(project, period.end)
    yield* onStep(25, "reach before the period")
    const reachBeforeStart = yield* reach.reach(project, dayBefore(period.start))
    yield* onStep(40, "reach over time")
    // From the reach just computed, not a second pass over every participation.
    const timeline = yield* reach.timelineUpTo(project, period.end)
    const series = timeline.series(seriesDates(project.startDate, period.end, "month"))
    yield* onStep(60, "events, plan and dissemination")
    const [events, eventFigures, dissemination, plan, files, revisions, usefulShare] = yield* Effect.all([
      records.events(project.id),
      records.eventFigures(project.id, period.start, period.end),
      records.dissemination(project.id, period.start, period.end),
      activities.listByProject(project.id),
      evidence.listByProject(project.id),
      revisionsSinceLastReport(project.id),
      // The same share the reach endpoint adds on the end date.
      projectUsefulShare(project.id, period.end).pipe(
        Effect.provideService(EvaluationsRepository, evaluations),
      ),
    ])
    const agreements = project.agreementsInScope
      ? {
          asOfEnd: yield* funnelOn(period.end),
          beforeStart: yield* funnelOn(dayBefore(period.start)),
        }
      : undefined
    const attendance =
      kind === "attendance_annex"
        ? yield* records.annexParticipations(project.id, period.start, period.end)
        : undefined
    return reportContent({
      project,
      kind,
      period,
      reachAtEnd,
      reachBeforeStart,
      series,
      activities: plan,
      events,
      eventFigures,
      dissemination,
      agreements,
      attendance,
      evidence: files,
      revisions,
      usefulShare,
    }) satisfies ReportContent
  })

  return { compute } as const
})

/** Computes reports' contents. */
export class ReportContents extends Context.Tag("@coordina/app/ReportContents")<
  ReportContents,
  Effect.Effect.Success<typeof make>
>() {
  /** The service over the store. */
  static readonly layer = Layer.effect(ReportContents, make)
}
