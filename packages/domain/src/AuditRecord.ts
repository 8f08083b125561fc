/**
 * The audit log as the API shows it: who did what to which record, when, with the record before
 * and after.
 * @module
 */
import { Schema } from "effect"

/** Any JSON value. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** Any JSON value, as a schema: a record's snapshot in the audit log or an export. */
export const Json: Schema.Schema<Json> = Schema.Union(
  Schema.Null,
  Schema.Boolean,
  Schema.Number,
  Schema.String,
  Schema.Array(Schema.suspend(() => Json)),
  Schema.Record({ key: Schema.String, value: Schema.suspend(() => Json) }),
).annotations({
  identifier: "Json",
  description: "Any JSON value",
  // Free-form in JSON Schema, one level deep: the recursive union is exact, but generated
  // clients (openapi-typescript) turn it into a type alias that refers to itself, which
  // TypeScript refuses (TS2502).
  jsonSchema: {
    description: "Any JSON value",
    anyOf: [
      { type: "null" },
      { type: "boolean" },
      { type: "number" },
      { type: "string" },
      { type: "array" },
      { type: "object" },
    ],
  },
})

/** A JSON snapshot of a record. */
export const Snapshot = Json

/** One audit log entry. `entity` is written `kind:id` (`beneficiary:…`, `person:…`). */
export class AuditRecord extends Schema.Class<AuditRecord>("AuditRecord")({
  id: Schema.String,
  at: Schema.String.annotations({ description: "ISO 8601 instant, UTC" }),
  actor: Schema.String.annotations({ description: "User id, API key id or `admin-token`" }),
  action: Schema.String.annotations({
    description:
      "One word per step: `create`, `update`, `delete`, `read_personal`, `erase`, `merge`, `unmerge`, `sign_in`, `declare_intent`, `match`, `conclude`, `extend`, `terminate`, `close`, `set_plan`, `accept`, `reject`, `complete`, `record_attendance`, `cancel`, `dismiss_duplicate`, …",
  }),
  entity: Schema.String,
  before: Schema.optional(Snapshot),
  after: Schema.optional(Snapshot),
}) {}

/** Filters of `GET /v1/audit`: any combination, exact matches. */
export const AuditFilter = Schema.Struct({
  entity: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  actor: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  action: Schema.optional(Schema.String.pipe(Schema.maxLength(50))),
  order: Schema.optional(
    Schema.Literal("oldest", "newest").annotations({
      description: "oldest first (the default) or newest first",
    }),
  ),
})
/** Filters of `GET /v1/audit`. */
export type AuditFilter = typeof AuditFilter.Type

/** A page of audit entries, as `GET /v1/audit` answers it. */
export const AuditPage = Schema.Struct({
  items: Schema.Array(AuditRecord),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "AuditPage" })
/** A page of audit entries. */
export type AuditPage = typeof AuditPage.Type
