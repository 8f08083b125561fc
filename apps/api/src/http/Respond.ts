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

/** Runs `effect`; on success sends its value with `send`, otherwise the problem it failed with. */
export const answer = async <A, E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<A, E, AppServices>,
  send: (value: A) => Response,
): Promise<Response> => {
  const exit = await c.var.runtime.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return send(exit.value)
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) return sendProblem(c, errorProblem(failure.value), errorHeaders(failure.value))
  console.error(Cause.pretty(exit.cause))
  return sendProblem(c, httpProblem(500, "The server met an unexpected condition; it has been logged."))
}

/** Runs `effect`; on success encodes its value with `schema` and sends it with `status`. */
export const respond = <A, I, E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<A, E, AppServices>,
  schema: Schema.Schema<A, I>,
  status: ContentfulStatusCode = 200,
): Promise<Response> =>
  answer(c, effect.pipe(Effect.map(Schema.encodeSync(schema))), (value) => c.json(value as object, status))

/**
 * {@link respond} for an answer the effect has encoded with its schema and written as JSON
 * text already, in pieces (a large one, encoded and written a slice at a time between pauses):
 * the pieces are sent one after another, never joined into one string or buffer.
 */
export const respondJson = <E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<ReadonlyArray<string>, E, AppServices>,
  status: ContentfulStatusCode = 200,
): Promise<Response> =>
  answer(c, effect, (pieces) => {
    const encoder = new TextEncoder()
    let next = 0
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (next < pieces.length) controller.enqueue(encoder.encode(pieces[next++]))
        else controller.close()
      },
    })
    return c.body(body, status, { "Content-Type": "application/json" })
  })

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

/** A file a use case made, to send as an attachment. */
export interface AttachedFile {
  readonly bytes: Uint8Array
  readonly mediaType: string
  readonly fileName: string
}

/** Runs `effect`; on success sends the file it made as a private attachment. */
export const respondFile = <E extends ApiError>(
  c: Context<AppEnv>,
  effect: Effect.Effect<AttachedFile, E, AppServices>,
): Promise<Response> =>
  answer(
    c,
    effect,
    (file) =>
      // A copy typed over a plain ArrayBuffer, which every fetch typing accepts as a body.
      new Response(new Uint8Array(file.bytes), {
        headers: {
          "Content-Type": file.mediaType,
          "Content-Length": String(file.bytes.byteLength),
          "Content-Disposition": `attachment; filename="${file.fileName}"`,
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      }),
  )
