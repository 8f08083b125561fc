/**
 * Optimistic concurrency on updates: the client sends the `version` it read as `If-Match`; a
 * missing header is 428, a malformed one 400, and a stale one the repository's 409.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** The version an `If-Match` header names (`3`, `"3"` or `W/"3"`), if it names one. */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? "")
  return match ? Number(match[1]) : undefined
}

/** Refuses an update without `If-Match` (428) or with one that names no version (400). */
export const ifMatch = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const header = c.req.header("If-Match")
  if (header === undefined)
    return sendProblem(c, httpProblem(428, "Send If-Match with the version you read, to update safely."))
  if (parseIfMatch(header) === undefined)
    return sendProblem(c, httpProblem(400, "If-Match must be the record's version, e.g. If-Match: 3."))
  return next()
}

/** The version `If-Match` names; use after {@link ifMatch}. */
export const expectedVersion = (c: Context): number => parseIfMatch(c.req.header("If-Match")) ?? 0

/**
 * The version a required `If-Match` names, or the problem response: 428 when the header is
 * missing, 400 when it names no version.
 */
export const ifMatchVersion = (c: Context<AppEnv>): number | Response => {
  const header = c.req.header("If-Match")
  if (header === undefined)
    return sendProblem(c, httpProblem(428, "Send If-Match with the version you read, to update safely."))
  return parseIfMatch(header) ?? badIfMatch(c)
}

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
