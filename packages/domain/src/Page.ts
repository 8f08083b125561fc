/**
 * A page of a list as the API answers it: the items and the cursor of the next page (`null` on
 * the last), and on lists that count them the number of items on all pages (`total`). Lists take
 * `?limit=` (default 50, at most 500) and `?cursor=`.
 * @module
 */
import { Schema } from "effect"

/** The schema of a page of `item`, named `identifier` in the OpenAPI document. */
export const pageOf = <A, I, R>(item: Schema.Schema<A, I, R>, identifier: string) =>
  Schema.Struct({
    items: Schema.Array(item),
    nextCursor: Schema.NullOr(Schema.String),
    total: Schema.optional(Schema.NonNegativeInt),
  }).annotations({ identifier })
