/**
 * The project plan: activities and their progress texts.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  Activity,
  ActivityCodeTaken,
  ActivityNotFound,
  ActivityVersionStale,
  type NewActivityProgress,
  type PlanEntry,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { int, json, opt } from "./Rows.js"

const decode = Schema.decodeUnknownSync(Activity)

const fromRows = (r: Record<string, unknown>, progress: ReadonlyArray<Record<string, unknown>>): Activity =>
  decode({
    id: r.id,
    projectId: r.projectId,
    code: r.code,
    title: r.title,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    ...opt("actualStart", r.actualStart),
    ...opt("actualEnd", r.actualEnd),
    status: r.status,
    ...opt("responsible", r.responsible),
    deliverables: json<ReadonlyArray<string>>(r.deliverables),
    progress: progress
      .filter((p) => p.activityId === r.id)
      .map((p) => ({
        id: p.id,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        text: p.text,
        createdAt: p.createdAt,
      })),
    version: int(r.version),
  })

const columns = (entry: PlanEntry) => ({
  code: entry.code,
  title: entry.title,
  plannedStart: entry.plannedStart,
  plannedEnd: entry.plannedEnd,
  actualStart: entry.actualStart ?? null,
  actualEnd: entry.actualEnd ?? null,
  status: entry.status,
  responsible: entry.responsible ?? null,
  deliverables: JSON.stringify(entry.deliverables),
})

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const progressOf = (ids: ReadonlyArray<string>) =>
    ids.length === 0
      ? Effect.succeed([] as ReadonlyArray<Record<string, unknown>>)
      : sql`SELECT * FROM activity_progress WHERE ${sql.in("activity_id", ids)} ORDER BY id`

  const assemble = (rows: ReadonlyArray<Record<string, unknown>>) =>
    progressOf(rows.map((r) => String(r.id))).pipe(
      Effect.map((progress) => rows.map((r) => fromRows(r, progress))),
    )

  const get = Effect.fn("ActivitiesRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM activities WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new ActivityNotFound({ activityId: id })
    return (yield* assemble(rows).pipe(Effect.orDie))[0]!
  })

  /** The plan of a project, ordered by code (A1, A2, … A10 in natural order). */
  const listByProject = Effect.fn("ActivitiesRepository.listByProject")(function* (projectId: string) {
    const rows = yield* sql`SELECT * FROM activities WHERE project_id = ${projectId}`.pipe(Effect.orDie)
    const all = yield* assemble(rows).pipe(Effect.orDie)
    return [...all].sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }))
  })

  const codeTaken = (projectId: string, code: string, except?: string) =>
    sql`SELECT id FROM activities WHERE project_id = ${projectId} AND code = ${code}`.pipe(
      Effect.orDie,
      Effect.flatMap((rows) => {
        const other = rows.find((r) => r.id !== except)
        return other
          ? Effect.fail(new ActivityCodeTaken({ code, existingId: String(other.id) }))
          : Effect.void
      }),
    )

  const create = Effect.fn("ActivitiesRepository.create")(function* (
    id: string,
    projectId: string,
    entry: PlanEntry,
  ) {
    yield* codeTaken(projectId, entry.code)
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO activities ${sql.insert({
      id,
      projectId,
      ...columns(entry),
      version: 1,
      createdAt: now,
      updatedAt: now,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Replaces the plan fields if the stored version is `expectedVersion`. */
  const update = Effect.fn("ActivitiesRepository.update")(function* (
    id: string,
    expectedVersion: number,
    entry: PlanEntry,
  ) {
    const current = yield* get(id)
    if (current.version !== expectedVersion)
      return yield* new ActivityVersionStale({ activityId: id, currentVersion: current.version })
    yield* codeTaken(current.projectId, entry.code, id)
    const now = DateTime.formatIso(yield* DateTime.now)
    const updated = yield* sql`UPDATE activities SET ${sql.update({
      ...columns(entry),
      version: expectedVersion + 1,
      updatedAt: now,
    })} WHERE id = ${id} AND version = ${expectedVersion} RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0) {
      const latest = yield* get(id).pipe(Effect.orDie)
      return yield* new ActivityVersionStale({ activityId: id, currentVersion: latest.version })
    }
    return yield* get(id).pipe(Effect.orDie)
  })

  const addProgress = Effect.fn("ActivitiesRepository.addProgress")(function* (
    activityId: string,
    progressId: string,
    progress: NewActivityProgress,
  ) {
    yield* get(activityId)
    const now = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO activity_progress ${sql.insert({
      id: progressId,
      activityId,
      periodStart: progress.periodStart,
      periodEnd: progress.periodEnd,
      text: progress.text,
      createdAt: now,
    })}`.pipe(Effect.orDie)
    yield* sql`UPDATE activities SET version = version + 1, updated_at = ${now} WHERE id = ${activityId}`.pipe(
      Effect.orDie,
    )
    return yield* get(activityId).pipe(Effect.orDie)
  })

  return { get, listByProject, create, update, addProgress } as const
})

/** Stores the project plan. */
export class ActivitiesRepository extends Context.Tag("@coordina/store/ActivitiesRepository")<
  ActivitiesRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ActivitiesRepository, make)
}
