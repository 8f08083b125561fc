/**
 * Building blocks for the OpenAPI description of each route, from the same schemas that
 * validate and encode.
 * @module
 */
import { Instant, Problem, webhookEventData, webhookEventTypes } from "@coordina/domain"
import { JSONSchema, Schema } from "effect"
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

/**
 * The OpenAPI 3.1 `webhooks` of the document: one POST per event type, with the payload's
 * schema, and the schemas they refer to (for `components.schemas`).
 */
export const webhooksDocument = () => {
  const definitions: Record<string, JSONSchema.JsonSchema7> = {}
  const webhooks = Object.fromEntries(
    webhookEventTypes.map((type) => {
      const payload = Schema.Struct({
        type: Schema.Literal(type),
        timestamp: Instant,
        data: webhookEventData[type],
      })
      const schema = JSONSchema.fromAST(payload.ast, {
        definitions,
        definitionPath: "#/components/schemas/",
        target: "openApi3.1",
      })
      return [
        type,
        {
          post: {
            summary: `${type}: sent to endpoints subscribed to it`,
            description:
              "Signed per Standard Webhooks: `webhook-id` (the same on every try), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 over `<id>.<timestamp>.<body>`, keyed by the base64-decoded part of the secret after `whsec_`). A 2xx answer is a delivery; anything else is tried again after about 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h and 6 h.",
            parameters: ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
              name,
              in: "header",
              required: true,
              schema: { type: "string" },
            })),
            requestBody: { required: true, content: { "application/json": { schema } } },
            responses: { "200": { description: "Received (any 2xx)" } },
          },
        },
      ]
    }),
  )
  // Plain JSON from here on: the OpenAPI types do not know Effect's JSON Schema types.
  return JSON.parse(JSON.stringify({ webhooks, schemas: definitions })) as {
    readonly webhooks: Record<string, never>
    readonly schemas: Record<string, never>
  }
}
