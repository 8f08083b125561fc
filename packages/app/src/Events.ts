/**
 * Events of projects, registration and attendance, always within the caller's projects: an
 * event of another project answers like a missing one, on reads and on writes.
 * @module
 */
import {
  canSeeProject,
  type Event,
  EventNotFound,
  eventSpan,
  type IsoDate,
  type NewEvent,
  type NewParticipation,
  type Principal,
  projectScope,
  toEventView,
} from "@coordina/domain"
import {
  EventsRepository,
  type PageRequest,
  ParticipationsRepository,
  ProjectsRepository,
} from "@coordina/store"
import { Chunk, Context, Effect, Layer, Option, Stream } from "effect"
import { Ids } from "./Ids.js"
import { Outbox } from "./Outbox.js"
import { periodGuard } from "./PeriodLocks.js"
import { createAudited, transaction } from "./Transaction.js"
import { audit, captureWrites, visibleProject } from "./UseCase.js"

/** The filters of an event list. */
export interface EventQuery extends PageRequest {
  readonly projectId?: string | undefined
}

const make = Effect.gen(function* () {
  const events = yield* EventsRepository
  const participations = yield* ParticipationsRepository
  const projects = yield* ProjectsRepository
  const ids = yield* Ids
  const writes = yield* captureWrites
  const guard = yield* periodGuard
  const outbox = yield* Outbox

  /** Events with whether each lies outside its project's period (each project read once). */
  const views = (found: ReadonlyArray<Event>) =>
    Effect.gen(function* () {
      const periods = new Map<string, Effect.Effect.Success<ReturnType<typeof projects.get>>>()
      for (const e of found)
        if (!periods.has(e.projectId))
          periods.set(e.projectId, yield* projects.get(e.projectId).pipe(Effect.orDie))
      return found.map((e) => toEventView(e, periods.get(e.projectId)!))
    })
  const view = (e: Event) => views([e]).pipe(Effect.map((v) => v[0]!))

  /** An event the caller may see (its project in their scope), else EventNotFound. */
  const visibleEvent = (principal: Principal, id: string) =>
    events.get(id).pipe(
      Effect.filterOrFail(
        (e) => canSeeProject(principal, e.projectId),
        () => new EventNotFound({ eventId: id }),
      ),
    )

  /** Creates an event of a project the caller works on (audited). */
  const create = Effect.fn("Events.create")(function* (principal: Principal, input: NewEvent) {
    const id = yield* ids.next("evt")
    return yield* writes(
      createAudited(
        principal.id,
        "event",
        visibleProject(projects, principal, input.projectId).pipe(
          Effect.zipRight(
            guard({
              projectId: input.projectId,
              span: eventSpan(input),
              actor: principal.id,
              entity: `event:${id}`,
              change: `created event ${id} (${input.kind}, ${input.startDate} – ${input.endDate})`,
            }),
          ),
          Effect.zipRight(events.create(input, id)),
        ),
      ),
    ).pipe(Effect.flatMap(view))
  })

  /**
   * Every event of the caller's projects (or of one), as a stream read 500 at a time: the list,
   * for a file. Fails before the first row when the project is not the caller's.
   */
  const rows = Effect.fn("Events.rows")(function* (principal: Principal, projectId: string | undefined) {
    if (projectId) yield* visibleProject(projects, principal, projectId)
    const page = (cursor: string | undefined) =>
      events
        .list({ projectId, cursor, limit: 500, scope: projectScope(principal) })
        .pipe(
          Effect.map(
            (found) =>
              [Chunk.fromIterable(found.items), Option.fromNullable(found.nextCursor ?? undefined)] as const,
          ),
        )
    return Stream.paginateChunkEffect(undefined as string | undefined, page)
  })

  /** A page of events of the caller's projects (filtered in the query, so pages are full). */
  const list = Effect.fn("Events.list")(function* (principal: Principal, query: EventQuery) {
    if (query.projectId) yield* visibleProject(projects, principal, query.projectId)
    const page = yield* events.list({ ...query, scope: projectScope(principal) })
    return { ...page, items: yield* views(page.items) }
  })

  /** One event of the caller's projects, with its period flag. */
  const get = (principal: Principal, id: string) => visibleEvent(principal, id).pipe(Effect.flatMap(view))

  /** Registers a person for an event of the caller's projects (audited). */
  const register = Effect.fn("Events.register")(function* (
    principal: Principal,
    eventId: string,
    input: NewParticipation,
  ) {
    const id = yield* ids.next("par")
    return yield* writes(
      createAudited(
        principal.id,
        "participation",
        visibleEvent(principal, eventId).pipe(
          Effect.tap((event) =>
            guard({
              projectId: event.projectId,
              span: eventSpan(event),
              actor: principal.id,
              entity: `participation:${id}`,
              change: `registered person ${input.personId} at event ${eventId} (${input.status})`,
            }),
          ),
          Effect.zipRight(participations.register(eventId, input, id)),
        ),
      ),
    )
  })

  /** A page of an event's participations. */
  const participationsOf = Effect.fn("Events.participations")(function* (
    principal: Principal,
    eventId: string,
    page: PageRequest,
  ) {
    yield* visibleEvent(principal, eventId)
    return yield* participations.listByEvent(eventId, page)
  })

  /**
   * Replaces the days a person attended an event of the caller's projects; with
   * `expectedVersion`, refuses a stale one (audited with the days before and after).
   */
  const setAttendance = Effect.fn("Events.setAttendance")(function* (
    principal: Principal,
    eventId: string,
    personId: string,
    days: ReadonlyArray<IsoDate>,
    expectedVersion: number | undefined,
  ) {
    return yield* writes(
      transaction(
        Effect.gen(function* () {
          const event = yield* visibleEvent(principal, eventId)
          const before = yield* participations.get(eventId, personId)
          yield* guard({
            projectId: event.projectId,
            span: eventSpan(event),
            actor: principal.id,
            entity: `participation:${before.id}`,
            change: `attended days of person ${personId} at event ${eventId}: [${before.attendedDays.join(", ")}] → [${[...days].sort().join(", ")}]`,
          })
          const after = yield* participations.setAttendance(eventId, personId, days, expectedVersion)
          // Only a record of attendance is an event; clearing the days is not "attended".
          if (after.attendedDays.length > 0)
            yield* outbox.publish("participation.attended", {
              participationId: after.id,
              eventId,
              personId,
              attendedDays: after.attendedDays,
            })
          yield* audit({
            actor: principal.id,
            action: "record_attendance",
            entity: `participation:${after.id}`,
            before: { attendedDays: before.attendedDays },
            after: { attendedDays: after.attendedDays },
          })
          return after
        }),
      ),
    )
  })

  return { create, list, rows, get, register, participations: participationsOf, setAttendance } as const
})

/** The events use cases. */
export class Events extends Context.Tag("@coordina/app/Events")<
  Events,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store, the audit log and the ids. */
  static readonly layer = Layer.effect(Events, make)
}
