/**
 * The audit log: append-only, one entry for every change and every read of a beneficiary's
 * personal data. Call `record` inside the same effect (and transaction) as the change.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { type AuditFilter, AuditRecord, redactValues } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { newId } from "./Ids.js"
import { json, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeRecord = Schema.decodeUnknownSync(AuditRecord)

const toRecord = (r: Record<string, unknown>): AuditRecord =>
  decodeRecord({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    ...(r.before == null ? {} : { before: json(r.before) }),
    ...(r.after == null ? {} : { after: json(r.after) }),
  })

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

  /** Entries matching every given filter, oldest first (or newest first), a page at a time. */
  const list = Effect.fn("AuditLog.list")(function* (
    filter: AuditFilter,
    page: PageRequest,
    order: "oldest" | "newest" = "oldest",
  ) {
    const limit = pageSize(page.limit)
    const newest = order === "newest"
    const conditions = [
      page.cursor ? (newest ? sql`id < ${page.cursor}` : sql`id > ${page.cursor}`) : undefined,
      filter.entity === undefined ? undefined : sql`entity = ${filter.entity}`,
      filter.actor === undefined ? undefined : sql`actor = ${filter.actor}`,
      filter.action === undefined ? undefined : sql`action = ${filter.action}`,
    ].filter((c) => c !== undefined)
    const rows =
      yield* sql`SELECT * FROM audit_log WHERE ${sql.and(conditions)} ORDER BY ${newest ? sql`id DESC` : sql`id`} LIMIT ${limit + 1}`.pipe(
        Effect.orDie,
      )
    return toPage(rows.map(toRecord), limit) satisfies Page<AuditRecord>
  })

  /**
   * Takes erased values out of the entries about `entities` and of entries that mention them:
   * every string equal to one of `values` becomes `[erased]`. The only change the log accepts.
   */
  const redact = Effect.fn("AuditLog.redact")(function* (
    entities: ReadonlyArray<string>,
    values: ReadonlyArray<string>,
  ) {
    if (entities.length === 0 || values.length === 0) return 0
    const at = DateTime.formatIso(yield* DateTime.now)
    const ids = entities.map((e) => e.slice(e.indexOf(":") + 1))
    const mentions = ids.flatMap((id) => [sql`before LIKE ${`%${id}%`}`, sql`after LIKE ${`%${id}%`}`])
    const rows = yield* sql`SELECT id, before, after FROM audit_log
      WHERE ${sql.or([sql.in("entity", entities), ...mentions])}`.pipe(Effect.orDie)
    let changed = 0
    for (const r of rows) {
      const redacted = (v: unknown) => (v == null ? null : JSON.stringify(redactValues(json(v), values)))
      const before = redacted(r.before)
      const after = redacted(r.after)
      if (before === (r.before ?? null) && after === (r.after ?? null)) continue
      changed++
      yield* sql`UPDATE audit_log SET before = ${before}, after = ${after}, redacted_at = ${at}
        WHERE id = ${String(r.id)}`.pipe(Effect.orDie)
    }
    return changed
  })

  return { record, list, redact } as const
})

/** Appends to the audit log. */
export class AuditLog extends Context.Tag("@coordina/store/AuditLog")<
  AuditLog,
  Effect.Effect.Success<typeof make>
>() {
  /** The audit log over the current `SqlClient`. */
  static readonly layer = Layer.effect(AuditLog, make)
}
