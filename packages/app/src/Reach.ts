/**
 * Reach of the caller's projects: the report as of a date (today in the configured zone by
 * default), the persons behind a figure, the series for the dashboard, attendance per event and
 * a reporting period's figures. Every figure comes from the domain's rules; names behind
 * figures only for callers the access policy lets see them.
 * @module
 */
import {
  displayName,
  type DrillIndicator,
  type IsoDate,
  maySeeNames,
  minDate,
  peopleBehind,
  type Principal,
  projectEndDate,
  type ReachPeoplePage,
  type SeriesStep,
  seriesDates,
} from "@coordina/domain"
import {
  DisseminationRepository,
  EvaluationsRepository,
  EventsRepository,
  InstitutionsRepository,
  PeopleRepository,
  ProjectsRepository,
  ReachRepository,
} from "@coordina/store"
import { Chunk, Context, Effect, Layer, Option, Stream } from "effect"
import { projectUsefulShare } from "./Evaluations.js"
import { Today } from "./Today.js"
import { visibleProject } from "./UseCase.js"

/** Which persons of a figure to list, a page at a time. */
export interface DrillDown {
  readonly asOf?: IsoDate | undefined
  readonly indicator: DrillIndicator
  readonly bucket?: string | undefined
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
}

/** A person behind a figure as the explorer lists them: names resolved, for a file. */
export interface ReachPersonRow {
  readonly personId: string
  readonly displayName?: string | undefined
  readonly institution?: string | undefined
  readonly firstDate: string
  /** The title of the event (direct) or dissemination activity (indirect) of first contact. */
  readonly via: string
}

/** The dates of a series: the project's start to today (or its end) by default, monthly. */
export interface SeriesRange {
  readonly from?: IsoDate | undefined
  readonly to?: IsoDate | undefined
  readonly step?: SeriesStep | undefined
}

const make = Effect.gen(function* () {
  const reach = yield* ReachRepository
  const projects = yield* ProjectsRepository
  const people = yield* PeopleRepository
  const institutions = yield* InstitutionsRepository
  const eventsRepo = yield* EventsRepository
  const dissemination = yield* DisseminationRepository
  const today = yield* Today
  const evaluations = yield* EvaluationsRepository

  /** The project's reach as of a date. */
  const report = Effect.fn("Reach.report")(function* (
    principal: Principal,
    projectId: string,
    asOf?: IsoDate,
  ) {
    const project = yield* visibleProject(projects, principal, projectId)
    const date = asOf ?? (yield* today.date)
    const report = yield* reach.report(project, date)
    // Added beside the reach figures, never into them: the report stays what the rules count.
    const useful = yield* projectUsefulShare(projectId, date).pipe(
      Effect.provideService(EvaluationsRepository, evaluations),
    )
    return useful === undefined ? report : { ...report, usefulShare: useful }
  })

  /** A page of the persons behind a figure, sorted by id. */
  const peopleOf = Effect.fn("Reach.people")(function* (
    principal: Principal,
    projectId: string,
    drill: DrillDown,
  ) {
    const project = yield* visibleProject(projects, principal, projectId)
    const asOf = drill.asOf ?? (yield* today.date)
    const all = peopleBehind(yield* reach.reach(project, asOf), drill.indicator, drill.bucket)
    const limit = Math.min(Math.max(drill.limit ?? 50, 1), 500)
    const cursor = drill.cursor
    const rest = cursor ? all.filter((a) => a.personId > cursor) : all
    const page = rest.slice(0, limit)
    const names = maySeeNames(principal)
      ? new Map(
          (yield* people.getMany(page.map((a) => a.personId))).map((p) => [p.id as string, displayName(p)]),
        )
      : undefined
    return {
      projectId: project.id,
      asOf,
      indicator: drill.indicator,
      ...(drill.bucket === undefined ? {} : { bucket: drill.bucket }),
      total: all.length,
      items: page.map((a) => {
        const name = names?.get(a.personId)
        return {
          personId: a.personId,
          ...(name === undefined ? {} : { displayName: name }),
          ...(a.institution ? { institutionId: a.institution.id } : {}),
          firstDate: a.day,
          via: a.eventId,
        }
      }),
      nextCursor: rest.length > limit ? (page.at(-1)?.personId ?? null) : null,
    } satisfies ReachPeoplePage
  })

  /** Reach at the end of every month (or week) of a range. */
  const series = Effect.fn("Reach.series")(function* (
    principal: Principal,
    projectId: string,
    range: SeriesRange,
  ) {
    const project = yield* visibleProject(projects, principal, projectId)
    const from = range.from ?? project.startDate
    const to = range.to ?? minDate(yield* today.date, projectEndDate(project))
    const timeline = yield* reach.timeline(project)
    return { projectId: project.id, points: timeline.series(seriesDates(from, to, range.step ?? "month")) }
  })

  /** Attendance next to unique persons, per event. */
  const events = Effect.fn("Reach.events")(function* (
    principal: Principal,
    projectId: string,
    asOf?: IsoDate,
  ) {
    const project = yield* visibleProject(projects, principal, projectId)
    const on = asOf ?? (yield* today.date)
    return { projectId: project.id, asOf: on, items: yield* reach.eventAttendance(project, on) }
  })

  /** People new in a reporting period next to everyone reached to its end. */
  const period = Effect.fn("Reach.period")(function* (
    principal: Principal,
    projectId: string,
    from: IsoDate,
    to: IsoDate,
  ) {
    const project = yield* visibleProject(projects, principal, projectId)
    return (yield* reach.timeline(project)).period(from, to)
  })

  /** The title of an event or dissemination activity, or its id when neither has it. */
  const titleOf = (id: string) =>
    eventsRepo.get(id).pipe(
      Effect.map((e) => e.title as string),
      Effect.orElse(() => dissemination.get(id).pipe(Effect.map((a) => a.title as string))),
      Effect.orElseSucceed(() => id),
    )

  /**
   * Every person behind a figure, with institution names and event titles, as a stream read
   * 500 at a time: what the explorer shows, for a file of any length. Fails before the first
   * row when the project is not the caller's.
   */
  const peopleRows = Effect.fn("Reach.peopleRows")(function* (
    principal: Principal,
    projectId: string,
    drill: Omit<DrillDown, "limit" | "cursor">,
  ) {
    yield* visibleProject(projects, principal, projectId)
    const titles = new Map<string, string>()
    const page = (cursor: string | undefined) =>
      Effect.gen(function* () {
        const found = yield* peopleOf(principal, projectId, { ...drill, limit: 500, cursor })
        const names = new Map(
          (yield* institutions.getMany(
            found.items.flatMap((p) => (p.institutionId ? [p.institutionId] : [])),
          )).map((i) => [i.id as string, i.name as string]),
        )
        for (const p of found.items) if (!titles.has(p.via)) titles.set(p.via, yield* titleOf(p.via))
        const rows = found.items.map(
          (p): ReachPersonRow => ({
            personId: p.personId,
            displayName: p.displayName,
            institution: p.institutionId ? (names.get(p.institutionId) ?? p.institutionId) : undefined,
            firstDate: p.firstDate,
            via: titles.get(p.via) ?? p.via,
          }),
        )
        return [Chunk.fromIterable(rows), Option.fromNullable(found.nextCursor ?? undefined)] as const
      })
    return Stream.paginateChunkEffect(undefined as string | undefined, page)
  })

  return { report, people: peopleOf, peopleRows, series, events, period } as const
})

/** The reach use cases. */
export class Reach extends Context.Tag("@coordina/app/Reach")<Reach, Effect.Effect.Success<typeof make>>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(Reach, make)
}
