/**
 * Transactions of use cases: a handler's writes (and their audit entries) commit together or
 * not at all, so a failed request changes nothing.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlError } from "@effect/sql/SqlError"
import { AuditLog } from "@coordina/store"
import { Effect } from "effect"

/** Runs `effect` in one transaction; a database error becomes a defect (a 500), never a typed failure. */
export const transaction = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R | SqlClient.SqlClient> =>
  SqlClient.SqlClient.pipe(
    Effect.flatMap((sql) => sql.withTransaction(effect)),
    Effect.catchAll((e) => (e instanceof SqlError ? Effect.die(e) : Effect.fail(e as E))),
  )

/** Creates a record and writes its `create` audit entry (`kind:id`, the record as `after`), in one transaction. */
export const createAudited = <A extends { readonly id: string }, E, R>(
  actor: string,
  kind: string,
  create: Effect.Effect<A, E, R>,
) =>
  transaction(
    Effect.gen(function* () {
      const created = yield* create
      yield* (yield* AuditLog).record({
        actor,
        action: "create",
        entity: `${kind}:${created.id}`,
        after: created,
      })
      return created
    }),
  )
