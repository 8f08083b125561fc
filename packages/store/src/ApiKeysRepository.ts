/**
 * Integrators' API keys: only a hash of each key is kept. A revoked or expired key stops
 * resolving on the next request on every instance.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { ApiKey, ApiKeyNotFound, keyUsable, type NewApiKey } from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { json, opt, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeKey = Schema.decodeUnknownSync(ApiKey)

const toKey = (r: Record<string, unknown>): ApiKey =>
  decodeKey({
    id: r.id,
    name: r.name,
    scopes: json(r.scopes),
    ...opt("expiresAt", r.expiresAt),
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    ...opt("revokedAt", r.revokedAt),
    ...opt("lastUsedAt", r.lastUsedAt),
  })

// When a key was last used is written at most this often.
const touchEveryMs = 60_000

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const now = DateTime.now.pipe(Effect.map((d) => new Date(DateTime.toEpochMillis(d))))

  const get = Effect.fn("ApiKeysRepository.get")(function* (id: string) {
    const rows = yield* sql`SELECT * FROM api_keys WHERE id = ${id}`.pipe(Effect.orDie)
    if (!rows[0]) return yield* new ApiKeyNotFound({ apiKeyId: id })
    return toKey(rows[0])
  })

  /** Stores a new key by its hash, created by `createdBy`. */
  const create = Effect.fn("ApiKeysRepository.create")(function* (
    input: NewApiKey,
    keyHash: string,
    createdBy: string,
  ) {
    const id = newId("key")
    yield* sql`INSERT INTO api_keys ${sql.insert({
      id,
      name: input.name,
      keyHash,
      scopes: JSON.stringify(input.scopes),
      expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
      createdAt: (yield* now).toISOString(),
      createdBy,
      revokedAt: null,
      lastUsedAt: null,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  const list = Effect.fn("ApiKeysRepository.list")(function* (options: PageRequest) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM api_keys WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(rows.map(toKey), limit) satisfies Page<ApiKey>
  })

  /** Revokes a key at once; revoking twice keeps the first time. */
  const revoke = Effect.fn("ApiKeysRepository.revoke")(function* (id: string) {
    const before = yield* get(id)
    yield* sql`UPDATE api_keys SET revoked_at = ${(yield* now).toISOString()}
      WHERE id = ${id} AND revoked_at IS NULL`.pipe(Effect.orDie)
    return { before, after: yield* get(id).pipe(Effect.orDie) }
  })

  /** The usable key a hash names; notes its use. */
  const resolve = Effect.fn("ApiKeysRepository.resolve")(function* (keyHash: string) {
    const at = yield* now
    const rows = yield* sql`SELECT * FROM api_keys WHERE key_hash = ${keyHash}`.pipe(Effect.orDie)
    if (!rows[0]) return Option.none<ApiKey>()
    const key = toKey(rows[0])
    if (!keyUsable(key, at)) return Option.none<ApiKey>()
    if (key.lastUsedAt === undefined || at.getTime() - Date.parse(key.lastUsedAt) > touchEveryMs)
      yield* sql`UPDATE api_keys SET last_used_at = ${at.toISOString()} WHERE id = ${key.id}`.pipe(
        Effect.orDie,
      )
    return Option.some(key)
  })

  return { get, create, list, revoke, resolve } as const
})

/** Stores API keys. */
export class ApiKeysRepository extends Context.Tag("@coordina/store/ApiKeysRepository")<
  ApiKeysRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(ApiKeysRepository, make)
}
