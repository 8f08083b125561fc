/**
 * Building blocks for the OpenAPI description of each route, from the same schemas that
 * validate and encode.
 * @module
 */
import { Problem } from "@coordina/domain"
import { Schema } from "effect"
import { resolver } from "hono-openapi"

/** The RFC 9457 problem document, as the OpenAPI document describes it (the domain's `Problem`). */
export const ProblemSchema = Problem

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: resolver(Schema.standardSchemaV1(ProblemSchema)) } },
})

/** A JSON response described by a schema. */
export const jsonResponse = <A, I>(schema: Schema.Schema<A, I>, description: string) => ({
  description,
  content: { "application/json": { schema: resolver(Schema.standardSchemaV1(schema)) } },
})

/** The error responses every authenticated route can give, plus those named. */
export const problems = (...statuses: ReadonlyArray<400 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428>) => {
  const all: Record<number, string> = {
    400: "Malformed request or schema violation, with the failing paths",
    401: "Missing or invalid token",
    403: "The token does not allow this",
    404: "Not found",
    409: "Conflict: duplicate, stale version or illegal transition",
    412: "Precondition failed",
    413: "Body too large",
    415: "The content is of a type not accepted",
    422: "A business rule refuses the request",
    428: "If-Match is required",
  }
  return Object.fromEntries([401, ...statuses].map((s) => [String(s), problem(all[s] ?? "Error")]))
}

/** A page of items with the cursor of the next page. */
export const PageOf = <A, I>(item: Schema.Schema<A, I>, identifier: string) =>
  Schema.Struct({ items: Schema.Array(item), nextCursor: Schema.NullOr(Schema.String) }).annotations({
    identifier,
  })

/** `?limit=&cursor=` of every list. */
export const PageQuery = Schema.Struct({
  limit: Schema.optional(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 500)).annotations({
      description: "Page size, default 50, at most 500",
    }),
  ),
  cursor: Schema.optional(Schema.String.annotations({ description: "nextCursor of the previous page" })),
})
