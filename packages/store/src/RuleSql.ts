/**
 * The domain rules the store also writes in SQL, so that lists and the review can filter and
 * count in the database: `isOverdue` (CoordinationTask.ts), `measureStatusOn`
 * (IntegrationPlan.ts) and the people search `matchesSearch` (PersonName.ts). RuleSql.test.ts
 * checks on random data, on both databases, that each fragment agrees with the pure function.
 * @module
 */
import type { SqlClient } from "@effect/sql"

/** `isOverdue(task, asOf)` over `coordination_tasks` columns; never NULL, so it can be negated. */
export const overdueCondition = (sql: SqlClient.SqlClient, asOf: string) =>
  sql`(opened_on <= ${asOf} AND due_date < ${asOf} AND (done_on IS NULL OR done_on > ${asOf}))`

/** `measureStatusOn(measure, asOf)` over `plan_measures` columns. */
export const measureStatusExpression = (sql: SqlClient.SqlClient, asOf: string) =>
  sql`(CASE
    WHEN done_on IS NOT NULL AND done_on <= ${asOf} THEN 'done'
    WHEN status = 'missed' OR due_date < ${asOf} THEN 'missed'
    WHEN status = 'done' THEN 'in_progress'
    ELSE status END)`

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
