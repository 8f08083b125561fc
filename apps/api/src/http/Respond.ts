/**
 * Runs a handler's effect at the edge and turns its outcome into a response: success is
 * encoded with its schema, an expected failure becomes a problem with the status
 * {@link errorProblem} gives it, and a defect a 500 without internals.
 * @module
 */
import { Cause, Effect, Exit, Option, Schema } from "effect"
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type { AppEnv, AppServices } from "./AppEnv.js"
import { type ApiError, errorHeaders, errorProblem } from "./Errors.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** Runs `effect`; on success encodes its value with `schema` and sends it with `status`. */
export const respond = <A, I, E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<A, E, AppServices>,
  schema: Schema.Schema<A, I>,
  status: ContentfulStatusCode = 200,
): Promise<Response> => respondEncoded(c, effect.pipe(Effect.map(Schema.encodeSync(schema))), status)

/**
 * {@link respond} for an answer the effect has encoded with its schema already (a large one,
 * encoded a slice at a time between pauses).
 */
export const respondEncoded = async <I, E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<I, E, AppServices>,
  status: ContentfulStatusCode = 200,
): Promise<Response> => {
  const exit = await c.var.runtime.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return c.json(exit.value as object, status)
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) return sendProblem(c, errorProblem(failure.value), errorHeaders(failure.value))
  console.error(Cause.pretty(exit.cause))
  return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
}

/** Runs `effect` for its effect alone; success answers 204 No Content. */
export const respondEmpty = async <E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<unknown, E, AppServices>,
): Promise<Response> => {
  const exit = await c.var.runtime.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return c.body(null, 204)
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) return sendProblem(c, errorProblem(failure.value), errorHeaders(failure.value))
  console.error(Cause.pretty(exit.cause))
  return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
}
