/**
 * The Council of Ministers decisions of the working calendar, one per day.
 * @module
 */
import {
  type CalendarDecision,
  CalendarDateTaken,
  CalendarDecisionNotFound,
  CalendarDecisionVersionStale,
  StoredCalendarDecision,
} from "@coordina/domain"
import * as SqlClient from "@effect/sql/SqlClient"
import { Context, Effect, Layer, Schema } from "effect"
import { int } from "./Rows.js"

const decode = Schema.decodeUnknownSync(StoredCalendarDecision)

const fromRow = (r: Record<string, unknown>): StoredCalendarDecision =>
  decode({ id: r.id, date: r.date, kind: r.kind, source: r.source, version: int(r.version) })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const get = Effect.fn("CalendarRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM calendar_decisions WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new CalendarDecisionNotFound({ decisionId: id })
    return fromRow(rows[0])
  })

  /** Every decision, in date order. */
  const list = Effect.fn("CalendarRepository.list")(function* () {
    const rows = yield* sql`SELECT * FROM calendar_decisions ORDER BY date`.pipe(Effect.orDie)
    return rows.map(fromRow) as ReadonlyArray<StoredCalendarDecision>
  })

  const dateOwner = (date: string, except: string) =>
    sql`SELECT id FROM calendar_decisions WHERE date = ${date} AND id <> ${except}`.pipe(
      Effect.orDie,
      Effect.map((rows) => (rows[0] ? String(rows[0].id) : undefined)),
    )

  /** Records a decision under `id`; another decision on the same day is a conflict. */
  const create = Effect.fn("CalendarRepository.create")(function* (
    id: string,
    input: CalendarDecision,
    at: string,
  ) {
    const owner = yield* dateOwner(input.date, id)
    if (owner) return yield* new CalendarDateTaken({ date: input.date, existingId: owner })
    yield* sql`INSERT INTO calendar_decisions ${sql.insert({
      id,
      date: input.date,
      kind: input.kind,
      source: input.source,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Changes a decision read at `expectedVersion`. */
  const update = Effect.fn("CalendarRepository.update")(function* (
    id: string,
    expectedVersion: number,
    input: CalendarDecision,
    at: string,
  ) {
    const current = yield* get(id)
    if (current.version !== expectedVersion)
      return yield* new CalendarDecisionVersionStale({
        entity: `calendar_decision:${id}`,
        expectedVersion,
        currentVersion: current.version,
      })
    const owner = yield* dateOwner(input.date, id)
    if (owner) return yield* new CalendarDateTaken({ date: input.date, existingId: owner })
    yield* sql`UPDATE calendar_decisions SET date = ${input.date}, kind = ${input.kind},
      source = ${input.source}, version = version + 1, updated_at = ${at}
      WHERE id = ${id} AND version = ${expectedVersion}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  /** Removes a decision, answering what it was. */
  const remove = Effect.fn("CalendarRepository.remove")(function* (id: string) {
    const current = yield* get(id)
    yield* sql`DELETE FROM calendar_decisions WHERE id = ${id}`.pipe(Effect.orDie)
    return current
  })

  return { get, list, create, update, remove }
})

/** The calendar decisions over the configured database. */
export class CalendarRepository extends Context.Tag("@coordina/store/CalendarRepository")<
  CalendarRepository,
  Effect.Effect.Success<typeof make>
>() {
  static layer = Layer.effect(CalendarRepository, make)
}
