/**
 * Report generations and schedules. A generation is a row that moves queued → running → ready
 * (or failed); the worker that claims it holds a lease, renewed with each progress step. A claim
 * takes the oldest queued row, or a running one whose lease ran out (its worker died): on
 * PostgreSQL with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows; on SQLite
 * in one UPDATE statement, under its single writer. Every later write names the worker, so a
 * worker that lost its lease can no longer touch the row.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlError } from "@effect/sql/SqlError"
import type { IsoDate, ReportFormat, ReportKind, ReportLanguage, ReportStatus } from "@coordina/domain"
import { Context, Effect, Layer, Option } from "effect"
import { int, json } from "./Rows.js"

/** One stored file of a ready report. */
export interface ReportFileRef {
  readonly format: ReportFormat
  readonly fileId: string
  readonly size: number
  readonly sha256: string
  readonly mediaType: string
}

/** A report generation as stored. */
export interface ReportRow {
  readonly id: string
  readonly projectId: string
  readonly kind: ReportKind
  readonly periodStart: IsoDate
  readonly periodEnd: IsoDate
  readonly language: ReportLanguage
  readonly version: number
  readonly status: ReportStatus
  readonly percent: number
  readonly step: string
  readonly scheduleKey: string | undefined
  readonly requestedBy: string
  readonly requestedAt: string
  readonly claimedBy: string | undefined
  readonly attempts: number
  readonly readyAt: string | undefined
  readonly contentHash: string | undefined
  readonly changes: ReadonlyArray<unknown> | undefined
  readonly sameAs: string | undefined
  readonly files: ReadonlyArray<ReportFileRef> | undefined
  readonly error: string | undefined
  readonly submittedAt: string | undefined
  readonly submittedBy: string | undefined
  readonly submitNote: string | undefined
  readonly lockId: string | undefined
}

/** A stored schedule. */
export interface ScheduleRow {
  readonly projectId: string
  readonly position: number
  readonly kind: ReportKind
  readonly cron: string
  readonly timeZone: string
  readonly period: string
  readonly createdAt: string
}

const optional = (v: unknown) => (v == null ? undefined : String(v))

const toRow = (r: Record<string, unknown>): ReportRow => ({
  id: String(r.id),
  projectId: String(r.projectId),
  kind: r.kind as ReportKind,
  periodStart: r.periodStart as IsoDate,
  periodEnd: r.periodEnd as IsoDate,
  language: r.language as ReportLanguage,
  version: int(r.version),
  status: r.status as ReportStatus,
  percent: int(r.percent),
  step: String(r.step),
  scheduleKey: optional(r.scheduleKey),
  requestedBy: String(r.requestedBy),
  requestedAt: String(r.requestedAt),
  claimedBy: optional(r.claimedBy),
  attempts: int(r.attempts),
  readyAt: optional(r.readyAt),
  contentHash: optional(r.contentHash),
  changes: r.changes == null ? undefined : json<ReadonlyArray<unknown>>(r.changes),
  sameAs: optional(r.sameAs),
  files: r.files == null ? undefined : json<ReadonlyArray<ReportFileRef>>(r.files),
  error: optional(r.error),
  submittedAt: optional(r.submittedAt),
  submittedBy: optional(r.submittedBy),
  submitNote: optional(r.submitNote),
  lockId: optional(r.lockId),
})

/** What a new generation needs. */
export interface NewReportRow {
  readonly id: string
  readonly projectId: string
  readonly kind: ReportKind
  readonly periodStart: IsoDate
  readonly periodEnd: IsoDate
  readonly language: ReportLanguage
  readonly version: number
  readonly scheduleKey?: string | undefined
  readonly requestedBy: string
  readonly requestedAt: string
}

/** How a finished generation ends. */
export interface Completion {
  readonly version: number
  readonly contentHash: string
  readonly content: string
  readonly changes: ReadonlyArray<unknown>
  readonly sameAs: string | undefined
  readonly files: ReadonlyArray<ReportFileRef>
  readonly readyAt: string
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const die = <A>(e: Effect.Effect<A, SqlError>) => Effect.orDie(e)

  const get = (id: string) =>
    die(sql`SELECT * FROM reports WHERE id = ${id}`).pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toRow)),
    )

  /** Queues a generation; a scheduled one whose key is already queued queues nothing (`none`). */
  const enqueue = (row: NewReportRow) =>
    die(
      sql`INSERT INTO reports ${sql.insert({
        ...row,
        scheduleKey: row.scheduleKey ?? null,
        status: "queued",
        percent: 0,
        step: "queued",
        attempts: 0,
      })} ON CONFLICT (schedule_key) DO NOTHING RETURNING id`,
    ).pipe(
      Effect.flatMap((rows) => (rows.length === 0 ? Effect.succeed(Option.none<ReportRow>()) : get(row.id))),
    )

  const listByProject = (projectId: string) =>
    die(
      sql`SELECT * FROM reports WHERE project_id = ${projectId} ORDER BY requested_at DESC, id DESC LIMIT 1000`,
    ).pipe(Effect.map((rows) => rows.map(toRow)))

  /** The latest version of a key that had content of its own (not a repeat of an earlier one). */
  const latestVersion = (
    key: Pick<ReportRow, "projectId" | "kind" | "periodStart" | "periodEnd" | "language">,
  ) =>
    die(sql`
      SELECT * FROM reports
      WHERE project_id = ${key.projectId} AND kind = ${key.kind} AND period_start = ${key.periodStart}
        AND period_end = ${key.periodEnd} AND language = ${key.language} AND status = 'ready' AND same_as IS NULL
      ORDER BY version DESC LIMIT 1`).pipe(
      Effect.map((rows) =>
        Option.map(Option.fromNullable(rows[0]), (r) => ({ row: toRow(r), content: String(r.content) })),
      ),
    )

  const skipLocked = sql.onDialectOrElse({
    pg: () => sql.literal("FOR UPDATE SKIP LOCKED"),
    orElse: () => sql.literal(""),
  })

  /** Claims the oldest waiting generation (or one whose worker's lease ran out) for `worker`. */
  const claim = (worker: string, now: string, leaseUntil: string, maxAttempts: number) =>
    die(sql`
      UPDATE reports SET status = 'running', claimed_by = ${worker}, lease_until = ${leaseUntil},
        attempts = attempts + 1, step = 'claimed'
      WHERE id = (
        SELECT id FROM reports
        WHERE (status = 'queued' OR (status = 'running' AND lease_until < ${now})) AND attempts < ${maxAttempts}
        ORDER BY requested_at, id LIMIT 1 ${skipLocked})
      RETURNING *`).pipe(Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toRow)))

  /** Generations whose workers died too often: failed, so they stop being claimed. */
  const failExhausted = (now: string, maxAttempts: number) =>
    die(sql`
      UPDATE reports SET status = 'failed', error = 'the worker stopped during every attempt'
      WHERE status = 'running' AND lease_until < ${now} AND attempts >= ${maxAttempts}`)

  /** Records progress and renews the lease, if `worker` still holds the claim. */
  const progress = (id: string, worker: string, percent: number, step: string, leaseUntil: string) =>
    die(sql`
      UPDATE reports SET percent = ${percent}, step = ${step}, lease_until = ${leaseUntil}
      WHERE id = ${id} AND claimed_by = ${worker} AND status = 'running' RETURNING id`).pipe(
      Effect.map((rows) => rows.length > 0),
    )

  /**
   * Marks the generation ready, if `worker` still holds the claim: `lost` when it does not,
   * `taken` when another generation of the key took the version number first.
   */
  const complete = (id: string, worker: string, c: Completion) =>
    sql`
      UPDATE reports SET status = 'ready', percent = 100, step = 'ready', version = ${c.version},
        content_hash = ${c.contentHash}, content = ${c.content}, changes = ${JSON.stringify(c.changes)},
        same_as = ${c.sameAs ?? null}, files = ${JSON.stringify(c.files)}, ready_at = ${c.readyAt},
        claimed_by = NULL, lease_until = NULL
      WHERE id = ${id} AND claimed_by = ${worker} AND status = 'running' RETURNING id`.pipe(
      Effect.map((rows) => (rows.length > 0 ? ("done" as const) : ("lost" as const))),
      Effect.catchAll((e) => (isUniqueViolation(e) ? Effect.succeed("taken" as const) : Effect.die(e))),
    )

  /** Puts a claimed generation back in the queue (its version was taken; it is computed again). */
  const release = (id: string, worker: string) =>
    die(sql`
      UPDATE reports SET status = 'queued', step = 'queued', claimed_by = NULL, lease_until = NULL
      WHERE id = ${id} AND claimed_by = ${worker} AND status = 'running'`)

  const fail = (id: string, worker: string, error: string) =>
    die(sql`
      UPDATE reports SET status = 'failed', step = 'failed', error = ${error.slice(0, 2000)}, claimed_by = NULL
      WHERE id = ${id} AND claimed_by = ${worker} AND status = 'running'`)

  /** Records a ready, unsubmitted generation's submission; whether it was recorded. */
  const submit = (id: string, s: { by: string; at: string; note: string | undefined; lockId: string }) =>
    die(sql`
      UPDATE reports SET submitted_at = ${s.at}, submitted_by = ${s.by}, submit_note = ${s.note ?? null},
        lock_id = ${s.lockId}
      WHERE id = ${id} AND status = 'ready' AND submitted_at IS NULL RETURNING id`).pipe(
      Effect.map((rows) => rows.length > 0),
    )

  /** When the project's latest submission was (the revisions since then go into its next report). */
  const lastSubmittedAt = (projectId: string) =>
    die(sql`SELECT MAX(submitted_at) AS at FROM reports WHERE project_id = ${projectId}`).pipe(
      Effect.map((rows) => optional(rows[0]?.at)),
    )

  const schedules = (projectId: string) =>
    die(sql`SELECT * FROM report_schedules WHERE project_id = ${projectId} ORDER BY position`).pipe(
      Effect.map((rows) => rows.map(toSchedule)),
    )

  const allSchedules = die(sql`SELECT * FROM report_schedules ORDER BY project_id, position`).pipe(
    Effect.map((rows) => rows.map(toSchedule)),
  )

  /** Replaces a project's schedules; one that is unchanged keeps its creation time. */
  const replaceSchedules = (
    projectId: string,
    next: ReadonlyArray<Omit<ScheduleRow, "projectId" | "position">>,
  ) =>
    Effect.gen(function* () {
      const before = yield* schedules(projectId)
      yield* die(sql`DELETE FROM report_schedules WHERE project_id = ${projectId}`)
      for (const [position, s] of next.entries()) {
        const same = before.find(
          (b) => b.kind === s.kind && b.cron === s.cron && b.timeZone === s.timeZone && b.period === s.period,
        )
        yield* die(
          sql`INSERT INTO report_schedules ${sql.insert({ projectId, position, ...s, createdAt: same?.createdAt ?? s.createdAt })}`,
        )
      }
      return yield* schedules(projectId)
    })

  return {
    get,
    enqueue,
    listByProject,
    latestVersion,
    claim,
    failExhausted,
    progress,
    complete,
    release,
    fail,
    submit,
    lastSubmittedAt,
    schedules,
    allSchedules,
    replaceSchedules,
  } as const
})

const toSchedule = (r: Record<string, unknown>): ScheduleRow => ({
  projectId: String(r.projectId),
  position: int(r.position),
  kind: r.kind as ReportKind,
  cron: String(r.cron),
  timeZone: String(r.timeZone),
  period: String(r.period),
  createdAt: String(r.createdAt),
})

/** Whether a database error is a unique-constraint violation (two workers made the same version). */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof SqlError &&
  /unique|duplicate/i.test(String((e.cause as { message?: string })?.message ?? e.message))

/** Stores report generations and schedules. */
export class ReportsRepository extends Context.Tag("@coordina/store/ReportsRepository")<
  ReportsRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReportsRepository, make)
}
