/**
 * The audit log as the API shows it: who did what to which record, when, with the record before
 * and after.
 * @module
 */
import { Schema } from "effect"

/** One audit log entry. `entity` is written `kind:id` (`beneficiary:…`, `person:…`). */
export class AuditRecord extends Schema.Class<AuditRecord>("AuditRecord")({
  id: Schema.String,
  at: Schema.String.annotations({ description: "ISO 8601 instant, UTC" }),
  actor: Schema.String.annotations({ description: "User id, API key id or `admin-token`" }),
  action: Schema.String.annotations({
    description: "`create`, `update`, `delete`, `read_personal`, `erase`, `merge`, `sign_in`, …",
  }),
  entity: Schema.String,
  before: Schema.optional(Schema.Unknown),
  after: Schema.optional(Schema.Unknown),
}) {}

/** Filters of `GET /v1/audit`: any combination, exact matches. */
export const AuditFilter = Schema.Struct({
  entity: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  actor: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  action: Schema.optional(Schema.String.pipe(Schema.maxLength(50))),
})
/** Filters of `GET /v1/audit`. */
export type AuditFilter = typeof AuditFilter.Type
