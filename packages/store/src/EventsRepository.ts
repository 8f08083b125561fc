/**
 * Events of capacity-building projects.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Event, EventNotFound, type NewEvent, normaliseName, ProjectNotFound } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { newId } from "./Ids.js"
import { inScope, int, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Event)

/** An events row as the domain's `Event`. */
export const eventFromRow = (r: Record<string, unknown>): Event =>
  decode({
    id: r.id,
    projectId: r.projectId,
    kind: r.kind,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    city: r.city,
    ...opt("planningRegion", r.planningRegion),
    version: int(r.version),
  })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const get = Effect.fn("EventsRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM events WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new EventNotFound({ eventId: id })
    return eventFromRow(rows[0])
  })

  /** Creates an event under `id` (a new one when none is given). */
  const create = Effect.fn("EventsRepository.create")(function* (input: NewEvent, id = newId("evt")) {
    const project = yield* sql`SELECT id FROM projects WHERE id = ${input.projectId}`.pipe(Effect.orDie)
    if (!project[0]) return yield* new ProjectNotFound({ projectId: input.projectId })
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO events ${sql.insert({
      id,
      projectId: input.projectId,
      kind: input.kind,
      title: input.title,
      titleKey: normaliseName(input.title),
      startDate: input.startDate,
      endDate: input.endDate,
      city: input.city,
      planningRegion: input.planningRegion ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * A page of events by id, of one project or of all; `scope` keeps the events of the listed
   * projects only (all by default).
   */
  const list = Effect.fn("EventsRepository.list")(function* (
    options: PageRequest & {
      readonly projectId?: string | undefined
      readonly scope?: "all" | ReadonlyArray<string>
    },
  ) {
    const limit = pageSize(options.limit)
    const matching = sql.and([
      options.projectId ? sql`project_id = ${options.projectId}` : sql`1 = 1`,
      inScope(sql, "project_id", options.scope ?? "all"),
    ])
    const rows = yield* sql`
      SELECT * FROM events
      WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`} AND ${matching}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const [counted] = yield* sql`SELECT COUNT(*) AS n FROM events WHERE ${matching}`.pipe(Effect.orDie)
    return { ...toPage(rows.map(eventFromRow), limit), total: int(counted?.n) } satisfies Page<Event>
  })

  return { get, create, list } as const
})

/** Stores events. */
export class EventsRepository extends Context.Tag("@coordina/store/EventsRepository")<
  EventsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(EventsRepository, make)
}
