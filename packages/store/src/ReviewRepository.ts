/**
 * The review of how the ordinance works, read from the database through the domain's fold:
 * agreements, plan measures and tasks arrive counted by the database with the SQL forms of
 * the domain rules in RuleSql.ts (agreements by their funnel steps and by the days between
 * steps, for the medians), offers row by row.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import {
  addAgreementCounts,
  addDurationCount,
  addMeasureCount,
  addOffer,
  addOverdueTasks,
  addTerminations,
  finishReview,
  type IsoDate,
  MeasureStatus,
  type ReviewGroupBy,
  type ReviewPlace,
  reviewDurations,
  startReview,
} from "@coordina/domain"
import { Context, Effect, Layer } from "effect"
import { int } from "./Rows.js"
import {
  agreementDurationExpressions,
  agreementStepConditions,
  measureStatusExpression,
  overdueCondition,
} from "./RuleSql.js"

/** The statuses a measure can be in on a day, in the order the measures query counts them. */
const measureStatuses = MeasureStatus.literals

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

    // Agreements are counted in the database with the SQL forms of the domain's steps, per
    // rule set and, when the review groups by place, per municipality; the medians' histograms
    // likewise. Grouped by rule set, the municipality plays no part, so it is neither grouped
    // by nor sent back (a few dozen rows come back instead of thousands).
    const byPlace = options.groupBy !== "procedure"
    const placeColumn = byPlace ? sql`municipality_id` : sql`NULL`
    const groupPlace = byPlace ? sql`, municipality_id` : sql``
    const steps = agreementStepConditions(sql, asOf)
    const sum = (condition: Statement.Fragment) => sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`
    const countedQuery = sql`
      SELECT procedure_id, ${placeColumn}, COUNT(*), SUM(intent_late),
        ${sum(steps.matched)}, ${sum(steps.concluded)}, ${sum(steps.extended)}, ${sum(steps.terminated)},
        ${sum(steps.expired)}, ${sum(steps.closed)}, ${sum(steps.holdsPlace)}
      FROM agreements WHERE intent_date <= ${asOf}
      GROUP BY procedure_id${groupPlace}`.values

    const groundsQuery = sql`
      SELECT procedure_id, ${placeColumn}, termination_ground, COUNT(*) FROM agreements
      WHERE intent_date <= ${asOf} AND ${steps.terminated}
      GROUP BY procedure_id${groupPlace}, termination_ground`.values

    const durations = agreementDurationExpressions(sql, asOf)
    // One grouped read of the agreements per duration, on both databases: PostgreSQL runs each
    // as a plain (parallel) scan, where one scan with the four durations unnested beside each
    // row (CROSS JOIN LATERAL) was planned as a nested loop over a memoised VALUES, three times
    // slower.
    const histogramsQuery = sql`${sql.join(
      " UNION ALL ",
      false,
    )(
      reviewDurations.map(
        (duration, i) => sql`
          SELECT ${sql.literal(String(i))}, procedure_id, ${placeColumn}, d, COUNT(*) FROM (
            SELECT procedure_id, ${placeColumn} AS municipality_id, ${durations[duration]} AS d
            FROM agreements WHERE intent_date <= ${asOf}
          ) x WHERE d IS NOT NULL
          GROUP BY procedure_id${groupPlace}, d`,
      ),
    )}`.values

    const offersQuery = sql`SELECT municipality_id, offered_on, capacity FROM municipal_offers`.values

    // Measures are counted per status in one row per rule set (and place) and area, each status
    // a SUM over the domain's status expression: grouped by the status itself, PostgreSQL
    // misjudged the number of groups and gave up its parallel scan.
    const status = measureStatusExpression(sql, asOf)
    const measuresQuery = sql`
      SELECT procedure_id, ${placeColumn}, area,
        ${sql.join(", ", false)(measureStatuses.map((s) => sql`SUM(CASE WHEN ${status} = ${s} THEN 1 ELSE 0 END)`))}
      FROM plan_measures GROUP BY procedure_id${groupPlace}, area`.values

    const overdueQuery = sql`
      SELECT procedure_id, ${placeColumn}, institution_id, COUNT(*) AS n FROM coordination_tasks
      WHERE ${overdueCondition(sql, asOf)} GROUP BY procedure_id${groupPlace}, institution_id`.values

    // The parts are independent: on PostgreSQL they run side by side on the pool's connections.
    const [placeMap, counted, grounds, histograms, offers, measures, overdue] = yield* Effect.all(
      [
        byPlace ? places : Effect.succeed(new Map<string, ReviewPlace>()),
        countedQuery,
        groundsQuery,
        histogramsQuery,
        offersQuery,
        measuresQuery,
        overdueQuery,
      ],
      { concurrency: "unbounded" },
    )
    const acc = startReview({ ...options, placeOf: (id) => placeMap.get(id) })

    for (const [procedureId, municipalityId, ...n] of counted)
      addAgreementCounts(
        acc,
        { procedureId: String(procedureId), municipalityId: str(municipalityId) },
        {
          intents: int(n[0]),
          lateIntents: int(n[1]),
          matched: int(n[2]),
          concluded: int(n[3]),
          extended: int(n[4]),
          terminated: int(n[5]),
          expired: int(n[6]),
          closed: int(n[7]),
          holdsPlace: int(n[8]),
        },
      )

    for (const [procedureId, municipalityId, ground, n] of grounds)
      addTerminations(
        acc,
        { procedureId: String(procedureId), municipalityId: str(municipalityId) },
        str(ground),
        int(n),
      )

    for (const [i, procedureId, municipalityId, d, n] of histograms)
      addDurationCount(
        acc,
        { procedureId: String(procedureId), municipalityId: str(municipalityId) },
        reviewDurations[int(i)]!,
        int(d),
        int(n),
      )

    for (const [municipalityId, date, capacity] of offers)
      addOffer(acc, { municipalityId: String(municipalityId), date: String(date), capacity: int(capacity) })

    for (const [procedureId, municipalityId, area, ...counts] of measures)
      for (const [i, status] of measureStatuses.entries())
        addMeasureCount(
          acc,
          { procedureId: String(procedureId), municipalityId: str(municipalityId) },
          String(area),
          status,
          int(counts[i]),
        )

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
