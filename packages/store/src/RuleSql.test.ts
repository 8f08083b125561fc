import {
  agreementDurationsOn,
  agreementStepsOn,
  fullNameKey,
  isOverdue,
  matchesSearch,
  measureStatusOn,
  type MeasureStatus,
  reviewDurations,
  searchTerms,
} from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, FastCheck as fc } from "effect"
import {
  agreementDurationExpressions,
  agreementStepConditions,
  measureStatusExpression,
  nameSearchCondition,
  overdueCondition,
} from "./RuleSql.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const day = fc
  .integer({ min: 0, max: 60 })
  .map((n) => new Date(Date.UTC(2019, 0, 1 + n)).toISOString().slice(0, 10))
const status = fc.constantFrom<MeasureStatus>("planned", "in_progress", "done", "missed")

// Letters of both scripts, accents, dashes, and what LIKE would read as wildcards or escapes.
const nameChar = fc.constantFrom(
  ..."абвгджзийклмнопрстуфхцчшщъьюяАБВГДИМПСabcdeghikmnoprstuvyzAMPéü -‐%_\\'".split(""),
)
const name = fc.string({ unit: nameChar, minLength: 1, maxLength: 12 })

describe.each(testDatabases())("the SQL forms of domain rules on $name", (db) => {
  it.effect.skipIf(!db.available)("agree with isOverdue and measureStatusOn on random rows", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rows = fc.sample(
        fc.record({
          a: day,
          b: day,
          done: fc.option(day, { nil: null }),
          cancelled: fc.option(day, { nil: null }),
          status,
          asOf: day,
        }),
        { numRuns: 300, seed: 42 },
      )
      yield* sql`CREATE TABLE rule_rows (id INTEGER PRIMARY KEY, opened_on TEXT NOT NULL, due_date TEXT NOT NULL, done_on TEXT, cancelled_on TEXT, status TEXT NOT NULL, as_of TEXT NOT NULL)`
      for (const [i, r] of rows.entries())
        yield* sql`INSERT INTO rule_rows ${sql.insert({ id: i, openedOn: r.a, dueDate: r.b, doneOn: r.done, cancelledOn: r.cancelled, status: r.status, asOf: r.asOf })}`
      for (const [i, r] of rows.entries()) {
        const [row] = yield* sql`
          SELECT CASE WHEN ${overdueCondition(sql, r.asOf)} THEN 1 ELSE 0 END AS overdue,
                 CASE WHEN NOT ${overdueCondition(sql, r.asOf)} THEN 1 ELSE 0 END AS not_overdue,
                 ${measureStatusExpression(sql, r.asOf)} AS status_on
          FROM rule_rows WHERE id = ${i}`
        const task = { openedOn: r.a, dueDate: r.b, doneOn: r.done, cancelledOn: r.cancelled }
        expect(Number(row!.overdue) === 1, JSON.stringify(r)).toBe(isOverdue(task, r.asOf))
        expect(Number(row!.notOverdue) === 1).toBe(!isOverdue(task, r.asOf))
        expect(row!.statusOn, JSON.stringify(r)).toBe(
          measureStatusOn(
            { status: r.status, dueDate: r.b, doneOn: r.done, cancelledOn: r.cancelled },
            r.asOf,
          ),
        )
      }
    }).pipe(Effect.provide(freshDatabaseLayer(db))),
  )

  it.effect.skipIf(!db.available)("agree with agreementStepsOn and agreementDurationsOn on random rows", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const maybe = fc.option(day, { nil: null })
      const rows = fc.sample(
        fc.record({
          statusDecisionDate: day,
          intentDate: day,
          matchedOn: maybe,
          concludedOn: maybe,
          extendedOn: maybe,
          endDate: maybe,
          terminatedOn: maybe,
          closedOn: maybe,
          asOf: day,
        }),
        { numRuns: 300, seed: 43 },
      )
      yield* sql`CREATE TABLE agreement_rows (id INTEGER PRIMARY KEY, status_decision_date TEXT NOT NULL,
        intent_date TEXT NOT NULL, matched_on TEXT, concluded_on TEXT, extended_on TEXT, end_date TEXT,
        terminated_on TEXT, closed_on TEXT)`
      for (const [i, { asOf: _, ...r }] of rows.entries())
        yield* sql`INSERT INTO agreement_rows ${sql.insert({ id: i, ...r })}`
      for (const [i, r] of rows.entries()) {
        const steps = agreementStepConditions(sql, r.asOf)
        const durations = agreementDurationExpressions(sql, r.asOf)
        const [row] = yield* sql`
          SELECT ${sql.join(
            ", ",
            false,
          )(
            Object.entries(steps).map(
              ([name, condition]) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END AS ${sql(name)}`,
            ),
          )}, ${sql.join(", ", false)(reviewDurations.map((name) => sql`${durations[name]} AS ${sql(name)}`))}
          FROM agreement_rows WHERE id = ${i}`
        const agreement = { ...r, procedureId: "p", intentLate: false }
        const expected = agreementStepsOn(agreement, r.asOf)
        for (const [name, value] of Object.entries(expected))
          expect(Number(row![name]) === 1, `${name} ${JSON.stringify(r)}`).toBe(value)
        const expectedDays = agreementDurationsOn(agreement, r.asOf)
        for (const name of reviewDurations)
          expect(row![name] == null ? undefined : Number(row![name]), `${name} ${JSON.stringify(r)}`).toBe(
            expectedDays[name],
          )
      }
    }).pipe(Effect.provide(freshDatabaseLayer(db))),
  )

  it.effect.skipIf(!db.available)(
    "agree with matchesSearch on random names and queries, in both scripts",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const people = fc.sample(fc.record({ given: name, family: name }), { numRuns: 200, seed: 7 })
        const keys = people.map((p) => fullNameKey(p.given, p.family))
        yield* sql`CREATE TABLE name_rows (id INTEGER PRIMARY KEY, name_key TEXT NOT NULL)`
        for (const [i, key] of keys.entries())
          yield* sql`INSERT INTO name_rows ${sql.insert({ id: i, nameKey: key })}`
        // Queries: random text, and words of the stored names in the other script or case.
        const queries = [
          ...fc.sample(name, { numRuns: 100, seed: 8 }),
          ...people.slice(0, 60).map((p) => p.family.toUpperCase()),
          "petrova",
          "Петрова Мария",
          "ivan",
          "%",
          "_",
          "\\",
        ]
        let hits = 0
        for (const query of queries) {
          const terms = searchTerms(query)
          if (terms.length === 0) continue
          const rows =
            yield* sql`SELECT id FROM name_rows WHERE ${nameSearchCondition(sql, "name_key", terms)} ORDER BY id`
          const expected = keys.flatMap((key, i) => (matchesSearch(key, terms) ? [i] : []))
          expect(
            rows.map((r) => Number(r.id)),
            query,
          ).toEqual(expected)
          hits += expected.length
        }
        // The family names searched in capitals find at least their own records.
        expect(hits).toBeGreaterThanOrEqual(60)
      }).pipe(Effect.provide(freshDatabaseLayer(db))),
  )
})
