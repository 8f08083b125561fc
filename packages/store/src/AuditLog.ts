/**
 * The audit log: append-only, one entry for every change and every read of a beneficiary's
 * personal data. Call `record` inside the same effect (and transaction) as the change.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { Context, DateTime, Effect, Layer } from "effect"
import { newId } from "./Ids.js"

/** What happened, in the audit log's words. */
export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "read_personal"
  | "erase"
  | "merge"
  | "unmerge"
  | (string & {})

/** One entry to append. `entity` is written `kind:id`, e.g. `person:per_…`. */
export interface AuditEntry {
  readonly actor: string
  readonly action: AuditAction
  readonly entity: string
  readonly before?: unknown
  readonly after?: unknown
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const record = Effect.fn("AuditLog.record")(function* (entry: AuditEntry) {
    const at = DateTime.formatIso(yield* DateTime.now)
    yield* sql`INSERT INTO audit_log ${sql.insert({
      id: newId("aud"),
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })}`.pipe(Effect.orDie)
  })
  return { record } as const
})

/** Appends to the audit log. */
export class AuditLog extends Context.Tag("@coordina/store/AuditLog")<
  AuditLog,
  Effect.Effect.Success<typeof make>
>() {
  /** The audit log over the current `SqlClient`. */
  static readonly layer = Layer.effect(AuditLog, make)
}
