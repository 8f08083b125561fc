import { Either, ParseResult, Schema } from "effect"
import type { FieldError } from "./ProblemAlert.js"

/**
 * Checks a form against the domain's schema before it is sent, so the person sees the same
 * messages the API would answer; answers the errors by field path, or none.
 */
export const schemaErrors = <A, I>(
  schema: Schema.Schema<A, I>,
  value: unknown,
): ReadonlyArray<FieldError> => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all" })(value)
  if (Either.isRight(result)) return []
  return ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }))
}
