/**
 * Possible-duplicate pairs dismissed as two people. A pair is one row in id order, so naming it
 * either way round finds the same dismissal; dismissing it again changes nothing.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  DuplicateDismissal,
  DuplicateDismissalNotFound,
  duplicatePairKey,
  orderedPair,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer } from "effect"

const toDismissal = (r: Record<string, unknown>) =>
  new DuplicateDismissal({
    personIds: [String(r.personA), String(r.personB)],
    dismissedBy: String(r.dismissedBy),
    dismissedAt: String(r.dismissedAt),
  })

/**
 * The dismissed pairs among `ids`, by {@link duplicatePairKey}: both records of a pair must be
 * among them. Shared with the people repository, which filters possible duplicates by it.
 */
export const dismissedAmong = (sql: SqlClient.SqlClient, ids: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    if (ids.length < 2) return new Set<string>()
    const rows = yield* sql`
      SELECT person_a, person_b FROM duplicate_dismissals
      WHERE ${sql.in("person_a", ids)} AND ${sql.in("person_b", ids)}`
    return new Set(rows.map((r) => duplicatePairKey(String(r.personA), String(r.personB))))
  })

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const find = (a: string, b: string) =>
    sql`SELECT * FROM duplicate_dismissals WHERE person_a = ${a} AND person_b = ${b}`.pipe(
      Effect.map((rows) => (rows[0] ? toDismissal(rows[0]) : undefined)),
      Effect.orDie,
    )

  /**
   * Records that the two people are different. The records must exist (a missing one is a
   * defect here: the caller checks first). A pair dismissed already keeps its first dismissal.
   */
  const dismiss = Effect.fn("DuplicateDismissalsRepository.dismiss")(function* (
    personIds: readonly [string, string],
    dismissedBy: string,
  ) {
    const [a, b] = orderedPair(...personIds)
    const existing = yield* find(a, b)
    if (existing) return existing
    yield* sql`INSERT INTO duplicate_dismissals ${sql.insert({
      personA: a,
      personB: b,
      dismissedBy,
      dismissedAt: DateTime.formatIso(yield* DateTime.now),
    })} ON CONFLICT (person_a, person_b) DO NOTHING`.pipe(Effect.orDie)
    return (yield* find(a, b))!
  })

  /** Takes a dismissal back: the pair is a possible duplicate again. */
  const undo = Effect.fn("DuplicateDismissalsRepository.undo")(function* (
    personIds: readonly [string, string],
  ) {
    const [a, b] = orderedPair(...personIds)
    const existing = yield* find(a, b)
    if (!existing) return yield* new DuplicateDismissalNotFound({ personIds: [a, b] })
    yield* sql`DELETE FROM duplicate_dismissals WHERE person_a = ${a} AND person_b = ${b}`.pipe(Effect.orDie)
    return existing
  })

  /** The dismissal of a pair, if there is one. */
  const get = (personIds: readonly [string, string]) => find(...orderedPair(...personIds))

  /** The dismissed pairs among these records. */
  const among = (ids: ReadonlyArray<string>) => dismissedAmong(sql, ids).pipe(Effect.orDie)

  return { dismiss, undo, get, among } as const
})

/** Stores the possible-duplicate pairs dismissed as two people. */
export class DuplicateDismissalsRepository extends Context.Tag(
  "@coordina/store/DuplicateDismissalsRepository",
)<DuplicateDismissalsRepository, Effect.Effect.Success<typeof make>>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(DuplicateDismissalsRepository, make)
}
