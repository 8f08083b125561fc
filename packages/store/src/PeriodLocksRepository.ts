/**
 * Locked periods and their revisions. A write to a project's dated records and a submission or
 * an unlock of the same project are serialised on the project's row: on PostgreSQL a writer
 * holds it `FOR SHARE` (writers do not wait for each other) and a submission or an unlock
 * `FOR UPDATE`, each until its transaction ends, and reads the locks only after it holds the row,
 * so a submission racing a write either sees the write (and reports it) or the write sees its
 * lock (and is refused). On SQLite one writer runs at a time and a transaction that read before
 * another committed cannot write (its snapshot is stale), which gives the same guarantee.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { IsoDate, PeriodLockFacts, RevisionView } from "@coordina/domain"
import { Context, Effect, Layer, Option } from "effect"

/** A lock as stored. */
export interface PeriodLockRow {
  readonly id: string
  readonly projectId: string
  readonly reportId: string
  readonly periodStart: IsoDate
  readonly periodEnd: IsoDate
  readonly lockedAt: string
  readonly lockedBy: string
  readonly unlockedAt: string | undefined
  readonly unlockedBy: string | undefined
  readonly reason: string | undefined
}

const optional = (v: unknown) => (v == null ? undefined : String(v))

const toLock = (r: Record<string, unknown>): PeriodLockRow => ({
  id: String(r.id),
  projectId: String(r.projectId),
  reportId: String(r.reportId),
  periodStart: r.periodStart as IsoDate,
  periodEnd: r.periodEnd as IsoDate,
  lockedAt: String(r.lockedAt),
  lockedBy: String(r.lockedBy),
  unlockedAt: optional(r.unlockedAt),
  unlockedBy: optional(r.unlockedBy),
  reason: optional(r.unlockReason),
})

/** The API's view of a stored lock. */
export const toLockView = (l: PeriodLockRow): PeriodLockFacts => ({
  id: l.id,
  projectId: l.projectId,
  reportId: l.reportId,
  periodStart: l.periodStart,
  periodEnd: l.periodEnd,
  status: l.unlockedAt === undefined ? "locked" : "unlocked",
  lockedAt: l.lockedAt,
  lockedBy: l.lockedBy,
  ...(l.unlockedAt === undefined ? {} : { unlockedAt: l.unlockedAt }),
  ...(l.unlockedBy === undefined ? {} : { unlockedBy: l.unlockedBy }),
  ...(l.reason === undefined ? {} : { reason: l.reason }),
})

/** A revision to store. */
export interface NewRevision {
  readonly id: string
  readonly projectId: string
  readonly lockId: string
  readonly at: string
  readonly actor: string
  readonly entity: string
  readonly change: string
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const holdProject = (projectId: string, mode: "FOR SHARE" | "FOR UPDATE") =>
    sql.onDialectOrElse({
      pg: () =>
        sql`SELECT id FROM projects WHERE id = ${projectId} ${sql.literal(mode)}`.pipe(
          Effect.orDie,
          Effect.asVoid,
        ),
      orElse: () => Effect.void,
    })

  /** Holds the project's row for a write of its dated records (to the end of the transaction). */
  const holdForWrite = (projectId: string) => holdProject(projectId, "FOR SHARE")

  /** Holds the project's row for a submission or an unlock (to the end of the transaction). */
  const holdForLocking = (projectId: string) => holdProject(projectId, "FOR UPDATE")

  const listByProject = (projectId: string) =>
    sql`SELECT * FROM period_locks WHERE project_id = ${projectId} ORDER BY period_start, locked_at, id`.pipe(
      Effect.orDie,
      Effect.map((rows) => rows.map(toLock)),
    )

  const get = (projectId: string, id: string) =>
    sql`SELECT * FROM period_locks WHERE id = ${id} AND project_id = ${projectId}`.pipe(
      Effect.orDie,
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toLock)),
    )

  const create = (lock: Omit<PeriodLockRow, "unlockedAt" | "unlockedBy" | "reason">) =>
    sql`INSERT INTO period_locks ${sql.insert({ ...lock })}`.pipe(Effect.orDie, Effect.asVoid)

  /** Unlocks a lock still in force; whether it was. */
  const unlock = (id: string, by: string, at: string, reason: string) =>
    sql`
      UPDATE period_locks SET unlocked_at = ${at}, unlocked_by = ${by}, unlock_reason = ${reason}
      WHERE id = ${id} AND unlocked_at IS NULL RETURNING id`.pipe(
      Effect.orDie,
      Effect.map((rows) => rows.length > 0),
    )

  const addRevision = (r: NewRevision) =>
    sql`INSERT INTO period_revisions ${sql.insert({ ...r })}`.pipe(Effect.orDie, Effect.asVoid)

  /** The project's revisions, oldest first, with their unlock's who and why; only those after `since` when given. */
  const revisions = (projectId: string, since?: string) =>
    sql`
      SELECT r.*, l.unlocked_by, l.unlock_reason FROM period_revisions r
      JOIN period_locks l ON l.id = r.lock_id
      WHERE r.project_id = ${projectId} ${since === undefined ? sql.literal("") : sql`AND r.at > ${since}`}
      ORDER BY r.at, r.id LIMIT 5000`.pipe(
      Effect.orDie,
      Effect.map((rows) =>
        rows.map(
          (r): RevisionView => ({
            id: String(r.id),
            projectId: String(r.projectId),
            lockId: String(r.lockId),
            at: String(r.at),
            actor: String(r.actor),
            entity: String(r.entity),
            change: String(r.change),
            unlockedBy: String(r.unlockedBy ?? ""),
            reason: String(r.unlockReason ?? ""),
          }),
        ),
      ),
    )

  return { holdForWrite, holdForLocking, listByProject, get, create, unlock, addRevision, revisions } as const
})

/** Stores locked periods and revisions. */
export class PeriodLocksRepository extends Context.Tag("@coordina/store/PeriodLocksRepository")<
  PeriodLocksRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(PeriodLocksRepository, make)
}
