/**
 * What the agreement routes share: today's date, `If-Match` on actions (optional there, since
 * the actions carry their own dates and the state machine refuses what no longer applies),
 * one transaction per request, and the caller-scoped reads.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { type Agreement, AgreementNotFound, type IsoDate } from "@coordina/domain"
import { AgreementsRepository } from "@coordina/store"
import { DateTime, Effect } from "effect"
import type { Context } from "hono"
import type { AppEnv } from "../http/AppEnv.js"
import { parseIfMatch } from "../http/Concurrency.js"
import { canSeeAgreement } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"

/** Today's date in UTC. */
export const today = DateTime.now.pipe(Effect.map((now) => DateTime.formatIsoDate(now) as IsoDate))

/** The current instant, ISO 8601 UTC. */
export const nowIso = DateTime.now.pipe(Effect.map(DateTime.formatIso))

/** Runs a request's effect in one transaction, so a failed request changes nothing. */
export const transact = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R | SqlClient.SqlClient> =>
  SqlClient.SqlClient.pipe(
    Effect.flatMap((sql) => sql.withTransaction(effect)),
    Effect.catchAll((e) => (e instanceof SqlError ? Effect.die(e) : Effect.fail(e as E))),
  )

/**
 * The version an optional `If-Match` names: undefined when the header is absent, `"bad"` when it
 * names no version.
 */
export const optionalIfMatch = (c: Context<AppEnv>): number | undefined | "bad" => {
  const header = c.req.header("If-Match")
  if (header === undefined) return undefined
  return parseIfMatch(header) ?? "bad"
}

/** The 400 for an `If-Match` that names no version. */
export const badIfMatch = (c: Context<AppEnv>) =>
  sendProblem(c, httpProblem(400, "If-Match must be the record's version, e.g. If-Match: 3."))

/** An agreement the caller may learn of; another municipality's is not found. */
export const visibleAgreement = (c: Context<AppEnv>, id: string) =>
  Effect.gen(function* () {
    const a: Agreement = yield* (yield* AgreementsRepository).get(id)
    if (!canSeeAgreement(c.var.principal, a)) return yield* new AgreementNotFound({ agreementId: id })
    return a
  })
