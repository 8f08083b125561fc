/**
 * Coordination tasks: each institution's inbox and the coordinator's overdue list.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { CoordinationTask, TaskNotFound, TaskVersionStale } from "@coordina/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { int, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"
import { overdueCondition } from "./RuleSql.js"

const decodeTask = Schema.decodeUnknownSync(CoordinationTask)

const optionalColumns = ["acceptedOn", "rejectedOn", "reason", "doneOn", "outcome", "cancelledOn"] as const

/** A task from its row. */
export const toTask = (r: Record<string, unknown>): CoordinationTask =>
  decodeTask({
    id: r.id,
    agreementId: r.agreementId,
    measureId: r.measureId,
    institutionId: r.institutionId,
    area: r.area,
    openedOn: r.openedOn,
    dueDate: r.dueDate,
    status: r.status,
    version: int(r.version),
    ...Object.assign({}, ...optionalColumns.map((k) => opt(k, r[k]))),
  })

/** What a task list can be filtered by. */
export interface TaskFilter extends PageRequest {
  readonly institutionId?: string | undefined
  readonly agreementId?: string | undefined
  /** Only overdue tasks (true) or only the others (false) on `asOf`. */
  readonly overdue?: boolean | undefined
  readonly asOf: string
  /** Only tasks addressed to these institutions or belonging to these municipalities' agreements. */
  readonly visibleTo?: {
    readonly institutionIds: ReadonlyArray<string>
    readonly municipalityIds: ReadonlyArray<string>
  }
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  /** The task; on PostgreSQL the row stays locked to the end of the transaction. */
  const get = Effect.fn("CoordinationTasksRepository.get")(function* (id: string) {
    const rows = yield* sql
      .onDialectOrElse({
        pg: () => sql`SELECT * FROM coordination_tasks WHERE id = ${id} FOR UPDATE`,
        orElse: () => sql`SELECT * FROM coordination_tasks WHERE id = ${id}`,
      })
      .pipe(Effect.orDie)
    if (!rows[0]) return yield* new TaskNotFound({ taskId: id })
    return toTask(rows[0])
  })

  /** Stores a task's new status if nobody changed it since `expectedVersion`. */
  const save = Effect.fn("CoordinationTasksRepository.save")(function* (
    t: CoordinationTask,
    expectedVersion: number,
  ) {
    const updated = yield* sql`
      UPDATE coordination_tasks SET ${sql.update({
        status: t.status,
        acceptedOn: t.acceptedOn ?? null,
        rejectedOn: t.rejectedOn ?? null,
        reason: t.reason ?? null,
        doneOn: t.doneOn ?? null,
        outcome: t.outcome ?? null,
        cancelledOn: t.cancelledOn ?? null,
        version: t.version,
      })}
      WHERE id = ${t.id} AND version = ${expectedVersion} RETURNING id`.pipe(Effect.orDie)
    if (updated.length === 0)
      return yield* new TaskVersionStale({
        entity: `task:${t.id}`,
        expectedVersion,
        currentVersion: expectedVersion + 1,
      })
    return t
  })

  const list = Effect.fn("CoordinationTasksRepository.list")(function* (filter: TaskFilter) {
    const limit = pageSize(filter.limit)
    const matching = sql.and([
      // A cancelled task asks nothing of anyone: inboxes and overdue lists leave it out.
      sql`status <> 'cancelled'`,
      filter.institutionId ? sql`institution_id = ${filter.institutionId}` : sql`1 = 1`,
      filter.visibleTo
        ? sql`(${sql.or([
            sql`1 = 0`,
            ...(filter.visibleTo.institutionIds.length
              ? [sql.in("institution_id", filter.visibleTo.institutionIds)]
              : []),
            ...(filter.visibleTo.municipalityIds.length
              ? [sql.in("municipality_id", filter.visibleTo.municipalityIds)]
              : []),
          ])})`
        : sql`1 = 1`,
      filter.agreementId ? sql`agreement_id = ${filter.agreementId}` : sql`1 = 1`,
      filter.overdue === undefined
        ? sql`1 = 1`
        : filter.overdue
          ? overdueCondition(sql, filter.asOf)
          : sql`NOT ${overdueCondition(sql, filter.asOf)}`,
    ])
    const rows = yield* sql`
      SELECT * FROM coordination_tasks
      WHERE ${filter.cursor ? sql`id > ${filter.cursor}` : sql`1 = 1`} AND ${matching}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    const [counted] = yield* sql`SELECT COUNT(*) AS n FROM coordination_tasks WHERE ${matching}`.pipe(
      Effect.orDie,
    )
    return { ...toPage(rows.map(toTask), limit), total: int(counted?.n) } satisfies Page<CoordinationTask>
  })

  /** Every task of an agreement, in the order they were opened. */
  const forAgreement = Effect.fn("CoordinationTasksRepository.forAgreement")(function* (agreementId: string) {
    const rows =
      yield* sql`SELECT * FROM coordination_tasks WHERE agreement_id = ${agreementId} ORDER BY id`.pipe(
        Effect.orDie,
      )
    return rows.map(toTask)
  })

  /** The municipality of the agreement a task belongs to, for scoping. */
  const municipalityOf = Effect.fn("CoordinationTasksRepository.municipalityOf")(function* (id: string) {
    const rows = yield* sql`SELECT municipality_id FROM coordination_tasks WHERE id = ${id}`.pipe(
      Effect.orDie,
    )
    const m = rows[0]?.municipalityId
    return m == null ? undefined : String(m)
  })

  /**
   * The tasks that still ask something of their institution (open or accepted) and are due on
   * or before `dueBy`: what reminders, overdue notices and digests are made from. Each comes with
   * the rule set it was opened under and its agreement's municipality.
   */
  const awaiting = Effect.fn("CoordinationTasksRepository.awaiting")(function* (dueBy: string) {
    const rows = yield* sql`
      SELECT * FROM coordination_tasks
      WHERE status IN ('open', 'accepted') AND due_date <= ${dueBy}
      ORDER BY id`.pipe(Effect.orDie)
    return rows.map((r) => ({
      task: toTask(r),
      procedureId: String(r.procedureId),
      municipalityId: r.municipalityId == null ? undefined : String(r.municipalityId),
    }))
  })

  /**
   * Claims the tasks overdue on `asOf` that were never announced: records a notice for each and
   * answers them. Call it in the transaction of the publish; a task already noticed (or claimed by
   * a concurrent run, whose insert this one waits on) is left out, so each is announced once.
   */
  const claimOverdueNotices = Effect.fn("CoordinationTasksRepository.claimOverdueNotices")(function* (
    asOf: string,
    publishedAt: string,
  ) {
    const candidates = yield* sql`
      SELECT * FROM coordination_tasks t
      WHERE status <> 'cancelled' AND ${overdueCondition(sql, asOf)}
        AND NOT EXISTS (SELECT 1 FROM task_overdue_notices n WHERE n.task_id = t.id)
      ORDER BY id`.pipe(Effect.orDie)
    const claimed: Array<CoordinationTask> = []
    for (const row of candidates) {
      const task = toTask(row)
      const inserted = yield* sql`
        INSERT INTO task_overdue_notices ${sql.insert({ taskId: task.id, overdueOn: asOf, publishedAt })}
        ON CONFLICT (task_id) DO NOTHING RETURNING task_id`.pipe(Effect.orDie)
      if (inserted.length > 0) claimed.push(task)
    }
    return claimed
  })

  return { get, save, list, forAgreement, municipalityOf, awaiting, claimOverdueNotices } as const
})

/** Stores coordination tasks. */
export class CoordinationTasksRepository extends Context.Tag("@coordina/store/CoordinationTasksRepository")<
  CoordinationTasksRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(CoordinationTasksRepository, make)
}
