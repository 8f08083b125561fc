/**
 * Dissemination activities and the people they name.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  DisseminationActivity,
  DisseminationActivityNotFound,
  type NewDisseminationActivity,
  PersonNotFound,
  ProjectNotFound,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { newId } from "./Ids.js"
import { inScope, int, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decode = Schema.decodeUnknownSync(DisseminationActivity)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const assemble = (rows: ReadonlyArray<Record<string, unknown>>) =>
    Effect.gen(function* () {
      const ids = rows.map((r) => String(r.id))
      const named =
        ids.length === 0
          ? []
          : yield* sql`SELECT activity_id, person_id FROM dissemination_named
                       WHERE ${sql.in("activity_id", ids)} ORDER BY activity_id, person_id`
      return rows.map((r) =>
        decode({
          id: r.id,
          projectId: r.projectId,
          kind: r.kind,
          date: r.date,
          title: r.title,
          namedPersonIds: named.filter((n) => n.activityId === r.id).map((n) => n.personId),
          additionalCount: int(r.additionalCount),
          method: r.method,
          version: int(r.version),
        }),
      )
    }).pipe(Effect.orDie)

  const get = Effect.fn("DisseminationRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM dissemination_activities WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new DisseminationActivityNotFound({ activityId: id })
    return (yield* assemble(rows))[0]!
  })

  /**
   * Records an activity under `id` (a new one when none is given); every named person must exist.
   * A name given twice counts once.
   */
  const create = Effect.fn("DisseminationRepository.create")(function* (
    input: NewDisseminationActivity,
    id = newId("dis"),
  ) {
    const project = yield* sql`SELECT id FROM projects WHERE id = ${input.projectId}`.pipe(Effect.orDie)
    if (!project[0]) return yield* new ProjectNotFound({ projectId: input.projectId })
    const named = [...new Set(input.namedPersonIds)]
    const found = new Set<string>()
    for (let i = 0; i < named.length; i += 500) {
      const rows = yield* sql`SELECT id FROM people WHERE ${sql.in("id", named.slice(i, i + 500))}`.pipe(
        Effect.orDie,
      )
      for (const r of rows) found.add(String(r.id))
    }
    const missing = named.find((id) => !found.has(id))
    if (missing !== undefined) return yield* new PersonNotFound({ personId: missing })
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO dissemination_activities ${sql.insert({
            id,
            projectId: input.projectId,
            kind: input.kind,
            date: input.date,
            title: input.title,
            additionalCount: input.additionalCount,
            method: input.method,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })}`
          for (let i = 0; i < named.length; i += 500)
            yield* sql`INSERT INTO dissemination_named ${sql.insert(
              named.slice(i, i + 500).map((personId) => ({ activityId: id, personId })),
            )}`
        }),
      )
      .pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /**
   * A page of activities by id, of one project or of all; `scope` keeps the activities of the
   * listed projects only (all by default).
   */
  const list = Effect.fn("DisseminationRepository.list")(function* (
    options: PageRequest & {
      readonly projectId?: string | undefined
      readonly scope?: "all" | ReadonlyArray<string>
    },
  ) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM dissemination_activities
      WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
        AND ${options.projectId ? sql`project_id = ${options.projectId}` : sql`1 = 1`}
        AND ${inScope(sql, "project_id", options.scope ?? "all")}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(yield* assemble(rows), limit) satisfies Page<DisseminationActivity>
  })

  return { get, create, list } as const
})

/** Stores dissemination activities. */
export class DisseminationRepository extends Context.Tag("@coordina/store/DisseminationRepository")<
  DisseminationRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(DisseminationRepository, make)
}
