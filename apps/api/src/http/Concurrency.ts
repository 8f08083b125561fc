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

/**
 * Checks `If-Match` before anything else of the request is read: a header that names no version
 * is 400; a missing one is 428, unless the route takes it as `optional` (then the update is
 * unconditional). Handlers read the version with {@link expectedVersion} or {@link sentVersion}.
 */
export const ifMatch =
  (mode: "required" | "optional" = "required"): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header("If-Match")
    if (header === undefined)
      return mode === "optional"
        ? next()
        : sendProblem(c, httpProblem(428, "Send If-Match with the version you read, to update safely."))
    if (parseIfMatch(header) === undefined)
      return sendProblem(c, httpProblem(400, "If-Match must be the record's version, e.g. If-Match: 3."))
    return next()
  }

/** The version a required `If-Match` names; use after `ifMatch()`. */
export const expectedVersion = (c: Context): number => parseIfMatch(c.req.header("If-Match")) ?? 0

/** The version an optional `If-Match` names, undefined when none was sent; use after `ifMatch("optional")`. */
export const sentVersion = (c: Context): number | undefined => parseIfMatch(c.req.header("If-Match"))
