/**
 * The domain rules the store also writes in SQL, so that lists and the review can filter and
 * count in the database: `isOverdue` (CoordinationTask.ts), `measureStatusOn`
 * (IntegrationPlan.ts), `agreementStepsOn` and `agreementDurationsOn` (Review.ts), and the
 * people search `matchesSearch` (PersonName.ts). RuleSql.test.ts checks on random data, on
 * both databases, that each fragment agrees with the pure function.
 * @module
 */
import type * as SqlClient from "@effect/sql/SqlClient"

/** `isOverdue(task, asOf)` over `coordination_tasks` columns; never NULL, so it can be negated. */
export const overdueCondition = (sql: SqlClient.SqlClient, asOf: string) =>
  sql`(opened_on <= ${asOf} AND due_date < ${asOf} AND (done_on IS NULL OR done_on > ${asOf}) AND (cancelled_on IS NULL OR cancelled_on > ${asOf}))`

/** `measureStatusOn(measure, asOf)` over `plan_measures` columns. */
export const measureStatusExpression = (sql: SqlClient.SqlClient, asOf: string) =>
  sql`(CASE
    WHEN done_on IS NOT NULL AND done_on <= ${asOf} THEN 'done'
    WHEN cancelled_on IS NOT NULL AND cancelled_on <= ${asOf} THEN 'cancelled'
    WHEN status = 'missed' OR due_date < ${asOf} THEN 'missed'
    WHEN status IN ('done', 'cancelled') THEN 'in_progress'
    ELSE status END)`

const reachedBy = (sql: SqlClient.SqlClient, column: string, asOf: string) =>
  sql`(${sql(column)} IS NOT NULL AND ${sql(column)} <= ${asOf})`

/**
 * `agreementStepsOn(agreement, asOf)` (Review.ts) over `agreements` columns: one condition per
 * step, each never NULL.
 */
export const agreementStepConditions = (sql: SqlClient.SqlClient, asOf: string) => {
  const matched = reachedBy(sql, "matched_on", asOf)
  const concluded = reachedBy(sql, "concluded_on", asOf)
  const terminated = reachedBy(sql, "terminated_on", asOf)
  const closed = reachedBy(sql, "closed_on", asOf)
  return {
    matched,
    concluded,
    extended: reachedBy(sql, "extended_on", asOf),
    terminated,
    expired: sql`(NOT ${terminated} AND ${concluded} AND end_date IS NOT NULL AND end_date < ${asOf})`,
    closed,
    holdsPlace: sql`(${matched} AND NOT ${closed})`,
  } as const
}

/** Days from one `YYYY-MM-DD` column to another, as a whole number. */
const daysBetween = (sql: SqlClient.SqlClient, from: string, to: string) =>
  sql.onDialectOrElse({
    pg: () => sql`(CAST(${sql(to)} AS date) - CAST(${sql(from)} AS date))`,
    orElse: () => sql`CAST(julianday(${sql(to)}) - julianday(${sql(from)}) AS INTEGER)`,
  })

/**
 * `agreementDurationsOn(agreement, asOf)` (Review.ts) over `agreements` columns: each duration
 * in days, NULL where the domain has none.
 */
export const agreementDurationExpressions = (sql: SqlClient.SqlClient, asOf: string) => {
  const steps = agreementStepConditions(sql, asOf)
  return {
    statusToIntent: daysBetween(sql, "status_decision_date", "intent_date"),
    intentToMatch: sql`(CASE WHEN ${steps.matched} THEN ${daysBetween(sql, "intent_date", "matched_on")} END)`,
    matchToConclude: sql`(CASE WHEN ${steps.matched} AND ${steps.concluded} THEN ${daysBetween(sql, "matched_on", "concluded_on")} END)`,
    intentToConclude: sql`(CASE WHEN ${steps.concluded} THEN ${daysBetween(sql, "intent_date", "concluded_on")} END)`,
  } as const
}

/**
 * `matchesSearch(nameKey, terms)` over a name-key column: the key contains every term, as a
 * plain substring (no LIKE wildcards, so `%`, `_` and `\` in a query are letters like any other).
 */
export const nameSearchCondition = (sql: SqlClient.SqlClient, column: string, terms: ReadonlyArray<string>) =>
  sql.and(
    terms.map((term) =>
      sql.onDialectOrElse({
        pg: () => sql`strpos(${sql(column)}, ${term}) > 0`,
        orElse: () => sql`instr(${sql(column)}, ${term}) > 0`,
      }),
    ),
  )
