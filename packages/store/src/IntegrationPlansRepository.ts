/**
 * Integration plans: the measures of an agreement, and the coordination task each new measure
 * opens for its responsible institution. Called inside the caller's transaction.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  type Agreement,
  CoordinationTask,
  type IsoDate,
  Measure,
  type MeasureId,
  openTask,
  type PlanChanges,
  type ProcedureRuleSet,
  type TaskId,
  type WorkingCalendar,
} from "@coordina/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { json, opt } from "./Rows.js"

const decodeMeasure = Schema.decodeUnknownSync(Measure)

/** A measure from its row. */
export const toMeasure = (r: Record<string, unknown>): Measure =>
  decodeMeasure({
    id: r.id,
    agreementId: r.agreementId,
    area: r.area,
    responsibleInstitutionId: r.responsibleInstitutionId,
    dueDate: r.dueDate,
    ...opt("note", r.note),
    status: r.status,
    evidence: json(r.evidence),
    ...opt("doneOn", r.doneOn),
    ...opt("cancelledOn", r.cancelledOn),
    ...opt("cancelReason", r.cancelReason),
  })

/** The insert columns of a task (shared with the benchmark's generator). */
export const taskColumns = (
  t: CoordinationTask,
  agreement: { procedureId: string; municipalityId?: string | undefined },
) => ({
  id: t.id,
  agreementId: t.agreementId,
  measureId: t.measureId,
  procedureId: agreement.procedureId,
  municipalityId: agreement.municipalityId ?? null,
  institutionId: t.institutionId,
  area: t.area,
  openedOn: t.openedOn,
  dueDate: t.dueDate,
  status: t.status,
  acceptedOn: t.acceptedOn ?? null,
  rejectedOn: t.rejectedOn ?? null,
  reason: t.reason ?? null,
  doneOn: t.doneOn ?? null,
  outcome: t.outcome ?? null,
  cancelledOn: t.cancelledOn ?? null,
  version: t.version,
})

/** The ids of a measure a plan adds and of the task it opens. */
export interface NewMeasureIds {
  readonly measureId: string
  readonly taskId: string
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const measures = Effect.fn("IntegrationPlansRepository.measures")(function* (agreementId: string) {
    const rows =
      yield* sql`SELECT * FROM plan_measures WHERE agreement_id = ${agreementId} ORDER BY position, id`.pipe(
        Effect.orDie,
      )
    return rows.map(toMeasure)
  })

  const measure = Effect.fn("IntegrationPlansRepository.measure")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM plan_measures WHERE id = ${id}`.pipe(Effect.orDie)
    return rows[0] ? toMeasure(rows[0]) : undefined
  })

  /** Stores a measure's progress. */
  const saveMeasure = Effect.fn("IntegrationPlansRepository.saveMeasure")(function* (m: Measure) {
    yield* sql`UPDATE plan_measures SET ${sql.update({
      status: m.status,
      evidence: JSON.stringify(m.evidence),
      doneOn: m.doneOn ?? null,
      cancelledOn: m.cancelledOn ?? null,
      cancelReason: m.cancelReason ?? null,
    })} WHERE id = ${m.id}`.pipe(Effect.orDie)
  })

  /**
   * Writes a new plan: kept measures take their new due date, note and position, removed
   * ones go with their tasks, and each added measure opens a task dated `openedOn`.
   * Positions follow `order`, the plan as the client sent it; `ids` gives the new measure's
   * and task's ids for each added measure, in order (from the caller's `Ids`).
   */
  const apply = Effect.fn("IntegrationPlansRepository.apply")(function* (
    agreement: Agreement,
    changes: PlanChanges,
    order: ReadonlyArray<unknown>,
    openedOn: IsoDate,
    ruleSet: ProcedureRuleSet,
    ids: ReadonlyArray<NewMeasureIds>,
    // The working calendar tasks' due dates are counted on; the shipped one unless given.
    calendar?: WorkingCalendar,
  ) {
    for (const m of changes.removed) {
      yield* sql`DELETE FROM coordination_tasks WHERE measure_id = ${m.id}`
      yield* sql`DELETE FROM plan_measures WHERE id = ${m.id}`
    }
    for (const { existing, next } of changes.kept) {
      yield* sql`UPDATE plan_measures SET ${sql.update({
        dueDate: next.dueDate,
        note: next.note ?? null,
        position: order.indexOf(next),
      })} WHERE id = ${existing.id}`
    }
    for (const [i, next] of changes.added.entries()) {
      const given = ids[i]
      if (!given)
        return yield* Effect.die(new Error("IntegrationPlansRepository.apply: an id pair per added measure"))
      const m = new Measure({
        id: given.measureId as MeasureId,
        agreementId: agreement.id,
        area: next.area,
        responsibleInstitutionId: next.responsibleInstitutionId,
        dueDate: next.dueDate,
        ...(next.note === undefined ? {} : { note: next.note }),
        status: "planned",
        evidence: [],
      })
      yield* sql`INSERT INTO plan_measures ${sql.insert({
        id: m.id,
        agreementId: m.agreementId,
        procedureId: agreement.procedureId,
        municipalityId: agreement.municipalityId ?? null,
        position: order.indexOf(next),
        area: m.area,
        responsibleInstitutionId: m.responsibleInstitutionId,
        dueDate: m.dueDate,
        note: m.note ?? null,
        status: m.status,
        evidence: "[]",
        doneOn: null,
      })}`
      const task = new CoordinationTask({
        ...openTask(m, openedOn, ruleSet, calendar),
        id: given.taskId as TaskId,
        version: 1,
      })
      yield* sql`INSERT INTO coordination_tasks ${sql.insert(taskColumns(task, agreement))}`
    }
  }, Effect.orDie)

  /** The ids among `ids` that name no institution. */
  const missingInstitutions = Effect.fn("IntegrationPlansRepository.missingInstitutions")(function* (
    ids: ReadonlyArray<string>,
  ) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return []
    const rows = yield* sql`SELECT id FROM institutions WHERE ${sql.in("id", unique)}`.pipe(Effect.orDie)
    const found = new Set(rows.map((r) => String(r.id)))
    return unique.filter((id) => !found.has(id))
  })

  return { measures, measure, saveMeasure, apply, missingInstitutions } as const
})

/** Stores integration plans' measures and opens their coordination tasks. */
export class IntegrationPlansRepository extends Context.Tag("@coordina/store/IntegrationPlansRepository")<
  IntegrationPlansRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(IntegrationPlansRepository, make)
}
