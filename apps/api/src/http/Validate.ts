/**
 * Request validation with the domain's schemas. The same schemas document the request in
 * the OpenAPI document; a failure is a 400 problem that lists every failing path.
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec"
import { Schema } from "effect"
import { validator } from "hono-openapi"
import type { ValidationTargets } from "hono"
import { type FieldError, sendProblem, validationProblem } from "./Problem.js"

const where: Record<keyof ValidationTargets, string> = {
  json: "body",
  form: "form",
  query: "query",
  param: "path",
  header: "headers",
  cookie: "cookies",
}

const toFieldErrors = (issues: ReadonlyArray<StandardSchemaV1.Issue>): ReadonlyArray<FieldError> =>
  issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
    message: issue.message,
  }))

/**
 * Validates one part of the request against a schema; the handler reads `c.req.valid(target)`.
 * A JSON body with a field its schema does not name is refused (400 naming the field), as the
 * OpenAPI document's `additionalProperties: false` says; query strings and headers may carry more.
 */
export const validate = <T extends keyof ValidationTargets, A, I>(target: T, schema: Schema.Schema<A, I>) =>
  validator(
    target,
    Schema.standardSchemaV1(schema, target === "json" ? { onExcessProperty: "error" } : undefined),
    (result, c) => {
      if (!result.success)
        return sendProblem(c, validationProblem(where[target], toFieldErrors(result.error)))
    },
  )

/** A JSON body. */
export const body = <A, I>(schema: Schema.Schema<A, I>) => validate("json", schema)
/** The query string. */
export const query = <A, I>(schema: Schema.Schema<A, I>) => validate("query", schema)
/** The path parameters. */
export const params = <A, I>(schema: Schema.Schema<A, I>) => validate("param", schema)
