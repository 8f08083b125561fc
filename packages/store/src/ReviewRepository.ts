/**
 * The review of how the ordinance works, read from the database through the domain's fold:
 * agreements stream in pages (as plain value rows, for speed), offers row by row, and plan
 * measures and tasks arrive counted by the database with the SQL forms of the domain rules
 * in RuleSql.ts.
 * @module
 */
import { SqlClient } from "@effect/sql"
import {
  addAgreement,
  addMeasureCount,
  addOffer,
  addOverdueTasks,
  finishReview,
  type IsoDate,
  type MeasureStatus,
  type ReviewGroupBy,
  type ReviewPlace,
  startReview,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"
import { measureStatusExpression, overdueCondition } from "./RuleSql.js"

const pageRows = 20_000
const statuses: ReadonlyArray<MeasureStatus> = ["planned", "in_progress", "done", "missed"]
const str = (v: unknown): string | null => (v == null ? null : String(v))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const places = Effect.gen(function* () {
    const rows =
      yield* sql`SELECT id, planning_region, province, name FROM institutions WHERE kind = 'municipality'`
        .values
    const map = new Map<string, ReviewPlace>()
    for (const [id, planningRegion, province, name] of rows)
      map.set(String(id), {
        ...(planningRegion == null ? {} : { planningRegion: String(planningRegion) }),
        ...(province == null ? {} : { province: String(province) }),
        name: String(name),
      })
    return map
  })

  const review = Effect.fn("ReviewRepository.review")(function* (options: {
    readonly groupBy: ReviewGroupBy
    readonly asOf: IsoDate
  }) {
    const { asOf } = options
    const placeMap = yield* places
    const acc = startReview({ ...options, placeOf: (id) => placeMap.get(id) })

    let cursor = ""
    for (;;) {
      const rows = yield* sql`
        SELECT id, procedure_id, municipality_id, status_decision_date, intent_date, intent_late, matched_on,
               concluded_on, extended_on, end_date, terminated_on, termination_ground, closed_on
        FROM agreements WHERE id > ${cursor} AND intent_date <= ${asOf}
        ORDER BY id LIMIT ${pageRows}`.values
      for (const r of rows)
        addAgreement(acc, {
          procedureId: String(r[1]),
          municipalityId: str(r[2]),
          statusDecisionDate: String(r[3]),
          intentDate: String(r[4]),
          intentLate: int(r[5]) === 1,
          matchedOn: str(r[6]),
          concludedOn: str(r[7]),
          extendedOn: str(r[8]),
          endDate: str(r[9]),
          terminatedOn: str(r[10]),
          terminationGround: str(r[11]),
          closedOn: str(r[12]),
        })
      if (rows.length < pageRows) break
      cursor = String(rows[rows.length - 1]![0])
    }

    const offers = yield* sql`SELECT municipality_id, offered_on, capacity FROM municipal_offers`.values
    for (const [municipalityId, date, capacity] of offers)
      addOffer(acc, { municipalityId: String(municipalityId), date: String(date), capacity: int(capacity) })

    const statusOn = measureStatusExpression(sql, asOf)
    const measures = yield* sql`
      SELECT procedure_id, municipality_id, area,
        SUM(CASE WHEN ${statusOn} = 'planned' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${statusOn} = 'in_progress' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${statusOn} = 'done' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${statusOn} = 'missed' THEN 1 ELSE 0 END)
      FROM plan_measures GROUP BY procedure_id, municipality_id, area`.values
    for (const [procedureId, municipalityId, area, ...counts] of measures) {
      const placement = { procedureId: String(procedureId), municipalityId: str(municipalityId) }
      statuses.forEach((status, i) => {
        const n = int(counts[i])
        if (n > 0) addMeasureCount(acc, placement, String(area), status, n)
      })
    }

    const overdue = yield* sql`
      SELECT procedure_id, municipality_id, institution_id, COUNT(*) AS n FROM coordination_tasks
      WHERE ${overdueCondition(sql, asOf)} GROUP BY procedure_id, municipality_id, institution_id`.values
    for (const [procedureId, municipalityId, institutionId, n] of overdue)
      addOverdueTasks(
        acc,
        { procedureId: String(procedureId), municipalityId: str(municipalityId) },
        String(institutionId),
        int(n),
      )

    return finishReview(acc)
  }, Effect.orDie)

  return { review } as const
})

/** Computes the review from the records. */
export class ReviewRepository extends Context.Tag("@coordina/store/ReviewRepository")<
  ReviewRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ReviewRepository, make)
}
