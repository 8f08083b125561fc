/**
 * `Idempotency-Key`s of POST requests and the first answer to each, in the database so a retry
 * that reaches another API instance gets the same answer.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Context, DateTime, Effect, Layer } from "effect"
import { int } from "./Rows.js"

/** The request a key was first used for, and its answer once there is one. */
export interface IdempotentRequest {
  readonly method: string
  readonly path: string
  readonly bodyHash: string
  readonly response?: { readonly status: number; readonly body: string; readonly contentType: string }
}

/** The outcome of claiming a key: it is new, or it was used before. */
export type Claim =
  | { readonly _tag: "Claimed" }
  | { readonly _tag: "Seen"; readonly first: IdempotentRequest }

// A claim without an answer this old belongs to a request that died; a retry may take it over.
const abandonedAfterMs = 60_000

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const nowMs = DateTime.now.pipe(Effect.map(DateTime.toEpochMillis))
  const iso = (ms: number) => new Date(ms).toISOString()

  const read = (principal: string, key: string) =>
    sql`SELECT * FROM idempotency_keys WHERE principal = ${principal} AND idempotency_key = ${key}`.pipe(
      Effect.orDie,
      Effect.map((rows) => rows[0]),
    )

  /** Claims `key` for a request, or answers what it was first used for. */
  const claim = Effect.fn("IdempotencyKeys.claim")(function* (
    principal: string,
    key: string,
    request: Omit<IdempotentRequest, "response">,
  ) {
    const now = yield* nowMs
    // Takes over an abandoned claim; the key's first request never answered.
    yield* sql`DELETE FROM idempotency_keys WHERE principal = ${principal} AND idempotency_key = ${key}
      AND status IS NULL AND created_at < ${iso(now - abandonedAfterMs)}`.pipe(Effect.orDie)
    const inserted = yield* sql`INSERT INTO idempotency_keys ${sql.insert({
      principal,
      idempotencyKey: key,
      method: request.method,
      path: request.path,
      bodyHash: request.bodyHash,
      status: null,
      responseBody: null,
      contentType: null,
      createdAt: iso(now),
    })} ON CONFLICT (principal, idempotency_key) DO NOTHING RETURNING principal`.pipe(Effect.orDie)
    if (inserted.length > 0) return { _tag: "Claimed" } as Claim
    const row = yield* read(principal, key)
    if (!row) return { _tag: "Claimed" } as Claim
    const first: IdempotentRequest = {
      method: String(row.method),
      path: String(row.path),
      bodyHash: String(row.bodyHash),
      ...(row.status == null
        ? {}
        : {
            response: {
              status: int(row.status),
              body: String(row.responseBody ?? ""),
              contentType: String(row.contentType ?? "application/json"),
            },
          }),
    }
    return { _tag: "Seen", first } as Claim
  })

  /** Stores the answer to a claimed key. */
  const complete = Effect.fn("IdempotencyKeys.complete")(function* (
    principal: string,
    key: string,
    response: { readonly status: number; readonly body: string; readonly contentType: string },
  ) {
    yield* sql`UPDATE idempotency_keys SET status = ${response.status}, response_body = ${response.body},
      content_type = ${response.contentType}
      WHERE principal = ${principal} AND idempotency_key = ${key}`.pipe(Effect.orDie)
  })

  /** Frees a claimed key whose request failed unexpectedly, so a retry runs again. */
  const release = Effect.fn("IdempotencyKeys.release")(function* (principal: string, key: string) {
    yield* sql`DELETE FROM idempotency_keys WHERE principal = ${principal} AND idempotency_key = ${key}
      AND status IS NULL`.pipe(Effect.orDie)
  })

  /** Deletes keys first used before `cutoff`; `dryRun` only counts them. */
  const purgeBefore = Effect.fn("IdempotencyKeys.purgeBefore")(function* (cutoff: string, dryRun: boolean) {
    const rows = yield* sql`SELECT COUNT(*) AS n FROM idempotency_keys WHERE created_at < ${cutoff}`.pipe(
      Effect.orDie,
    )
    if (!dryRun) yield* sql`DELETE FROM idempotency_keys WHERE created_at < ${cutoff}`.pipe(Effect.orDie)
    return int(rows[0]?.n)
  })

  return { claim, complete, release, purgeBefore } as const
})

/** Stores idempotency keys and first answers. */
export class IdempotencyKeys extends Context.Tag("@coordina/store/IdempotencyKeys")<
  IdempotencyKeys,
  Effect.Effect.Success<typeof make>
>() {
  /** The store over the current `SqlClient`. */
  static readonly layer = Layer.effect(IdempotencyKeys, make)
}
