/**
 * The API's error answer: an RFC 9457 problem document, with the failing paths of a rejected
 * input.
 * @module
 */
import { Schema } from "effect"

/** One failing place of a rejected input: a JSON path, or a row and column of an uploaded sheet. */
export const ProblemFieldError = Schema.Struct({
  path: Schema.optional(Schema.String),
  row: Schema.optional(Schema.Int),
  column: Schema.optional(Schema.String),
  message: Schema.String,
}).annotations({ identifier: "ProblemFieldError" })
/** One failing place of a rejected input. */
export type ProblemFieldError = typeof ProblemFieldError.Type

/**
 * An RFC 9457 problem document. An error may add extension members (`code`, `currentVersion`,
 * `existingId`, …); decode with `onExcessProperty: "preserve"` to keep them.
 */
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(ProblemFieldError)),
}).annotations({ identifier: "Problem", description: "RFC 9457 problem details" })
/** An RFC 9457 problem document. */
export type Problem = typeof Problem.Type
