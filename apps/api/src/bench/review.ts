/**
 * The review at the limit: `GET /v1/review` on 100,000 agreements, 1,000,000 plan measures
 * and 300,000 tasks (times the scale), against a hand-written SQL review that gives the same
 * answers, medians included. The bench checks the two equal before it times them.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { isoDate, type Review, type ReviewGroup } from "@coordina/domain"
import { generate, insertData, measureStatusExpression, overdueCondition } from "@coordina/store/bench"
import { Effect } from "effect"

/** The review's date in the bench. */
export const reviewAsOf = isoDate("2020-06-30")

/** Writes the agreements data set, in batches of 5,000 agreements, each in its own transaction. */
export const generateAgreements = (agreements: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const size = { measuresPerAgreement: 10, tasksPerAgreement: 3, municipalities: 265 }
    const base = generate({ ...size, agreements: 0, offers: Math.max(1, agreements / 200), seed: 2017 })
    yield* insertData(base)
    const batch = 5_000
    for (let offset = 0; offset < agreements; offset += batch)
      yield* insertData(
        generate({
          ...size,
          agreements: Math.min(batch, agreements - offset),
          offset,
          base,
          seed: 2017 + offset,
        }),
      )
    yield* sql.onDialectOrElse({ pg: () => sql`VACUUM ANALYZE`, orElse: () => sql`ANALYZE` })
  })

const n = (v: unknown) => Number(v ?? 0)
const median = (v: unknown) => (v == null ? null : Number(v))

/**
 * The hand-written review by rule set: one aggregate query per part, the medians by
 * `percentile_cont` on PostgreSQL and by row numbers on SQLite (which has no median).
 * Answers the parts of each group the bench compares.
 */
export const handWrittenReview = (on: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const funnel = sql`
      SELECT procedure_id, COUNT(*), SUM(intent_late),
        SUM(CASE WHEN matched_on <= ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN concluded_on <= ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN extended_on <= ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN terminated_on <= ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN concluded_on <= ${on} AND (terminated_on IS NULL OR terminated_on > ${on})
                 AND end_date < ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN closed_on <= ${on} THEN 1 ELSE 0 END),
        SUM(CASE WHEN matched_on <= ${on} AND (closed_on IS NULL OR closed_on > ${on}) THEN 1 ELSE 0 END)
      FROM agreements WHERE intent_date <= ${on} GROUP BY procedure_id`.values
    const grounds = sql`
      SELECT procedure_id, COALESCE(termination_ground, 'unknown'), COUNT(*) FROM agreements
      WHERE intent_date <= ${on} AND terminated_on <= ${on} GROUP BY 1, 2`.values
    const days = (from: string, to: string) =>
      sql.onDialectOrElse({
        pg: () => sql.literal(`(${to}::date - ${from}::date)`),
        orElse: () => sql.literal(`CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`),
      })
    const spans = [
      [sql`TRUE`, days("status_decision_date", "intent_date")],
      [sql`matched_on <= ${on}`, days("intent_date", "matched_on")],
      [sql`matched_on <= ${on} AND concluded_on <= ${on}`, days("matched_on", "concluded_on")],
      [sql`concluded_on <= ${on}`, days("intent_date", "concluded_on")],
    ] as const
    const medians = spans.map(
      ([where, d]) =>
        sql.onDialectOrElse({
          pg: () => sql`
          SELECT procedure_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${d}) FROM agreements
          WHERE intent_date <= ${on} AND ${where} GROUP BY procedure_id`,
          orElse: () => sql`
          SELECT procedure_id, AVG(d) FROM (
            SELECT procedure_id, ${d} AS d, ROW_NUMBER() OVER (PARTITION BY procedure_id ORDER BY ${d}) AS k,
                   COUNT(*) OVER (PARTITION BY procedure_id) AS c
            FROM agreements WHERE intent_date <= ${on} AND ${where}
          ) x WHERE k IN ((c + 1) / 2, (c + 2) / 2) GROUP BY procedure_id`,
        }).values,
    )
    const status = measureStatusExpression(sql, on)
    const measures = sql`
      SELECT procedure_id, area,
        SUM(CASE WHEN ${status} = 'planned' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${status} = 'in_progress' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${status} = 'done' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${status} = 'missed' THEN 1 ELSE 0 END),
        SUM(CASE WHEN ${status} = 'cancelled' THEN 1 ELSE 0 END)
      FROM plan_measures GROUP BY procedure_id, area`.values
    const overdue = sql`
      SELECT procedure_id, institution_id, COUNT(*) FROM coordination_tasks
      WHERE ${overdueCondition(sql, on)} GROUP BY procedure_id, institution_id`.values
    const offers = sql`SELECT COUNT(*), SUM(capacity) FROM municipal_offers WHERE offered_on <= ${on}`.values
    const [f, g, m, o, t, ...d] = yield* Effect.all(
      [funnel, grounds, measures, overdue, offers, ...medians],
      {
        concurrency: 1,
      },
    )
    const groups = new Map<string, ComparedGroup>()
    for (const [id, intents, late, matched, concluded, extended, terminated, expired, closed, taken] of f!)
      groups.set(String(id), {
        funnel: {
          intents: n(intents),
          matched: n(matched),
          concluded: n(concluded),
          extended: n(extended),
          terminated: n(terminated),
          expired: n(expired),
          closed: n(closed),
        },
        lateIntents: n(late),
        placesTaken: n(taken),
        medianDays: {
          statusToIntent: null,
          intentToMatch: null,
          matchToConclude: null,
          intentToConclude: null,
        },
        terminationGrounds: {},
        measures: {},
        overdueTasks: { total: 0, byInstitution: {} },
      })
    const group = (id: unknown) => groups.get(String(id))!
    for (const [id, ground, count] of g!) group(id).terminationGrounds[String(ground)] = n(count)
    const names = ["statusToIntent", "intentToMatch", "matchToConclude", "intentToConclude"] as const
    d.forEach((rows, i) => {
      for (const [id, value] of rows) group(id).medianDays[names[i]!] = median(value)
    })
    for (const [id, area, planned, inProgress, done, missed, cancelled] of m!)
      if (groups.has(String(id)))
        group(id).measures[String(area)] = {
          planned: n(planned),
          in_progress: n(inProgress),
          done: n(done),
          missed: n(missed),
          cancelled: n(cancelled),
        }
    for (const [id, institution, count] of o!)
      if (groups.has(String(id))) {
        group(id).overdueTasks.byInstitution[String(institution)] = n(count)
        group(id).overdueTasks.total += n(count)
      }
    const [[offerCount, capacity]] = t! as unknown as [[unknown, unknown]]
    return { groups, offers: { count: n(offerCount), capacity: n(capacity) } }
  })

/** The parts of a review group the bench compares with the hand-written SQL. */
export interface ComparedGroup {
  readonly funnel: ReviewGroup["funnel"]
  readonly lateIntents: number
  readonly placesTaken: number
  readonly medianDays: { -readonly [K in keyof ReviewGroup["medianDays"]]: number | null }
  readonly terminationGrounds: Record<string, number>
  readonly measures: Record<
    string,
    { planned: number; in_progress: number; done: number; missed: number; cancelled: number }
  >
  readonly overdueTasks: { total: number; byInstitution: Record<string, number> }
}

/** What the API's review says for the compared parts, in the hand-written review's shape. */
export const comparedParts = (review: Review) => ({
  groups: new Map(
    review.groups
      .filter((g) => g.funnel.intents > 0)
      .map((g): [string, ComparedGroup] => [
        g.key,
        {
          funnel: g.funnel,
          lateIntents: g.lateIntents,
          placesTaken: g.offers.placesTaken,
          medianDays: g.medianDays,
          terminationGrounds: g.terminationGrounds,
          measures: g.measures,
          overdueTasks: g.overdueTasks,
        },
      ]),
  ),
  offers: { count: review.total.offers.count, capacity: review.total.offers.capacity },
})
