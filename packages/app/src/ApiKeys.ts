/**
 * Integrators' API keys, managed by admins. A key is shown once, when created; only its hash is
 * kept; a key cannot be created already expired; revoking stops it at once. Every change has
 * its audit entry in the same transaction.
 * @module
 */
import { ApiKey, ApiKeyExpiryPast, type NewApiKey } from "@coordina/domain"
import { ApiKeysRepository, AuditLog, type PageRequest } from "@coordina/store"
import { Context, Effect, Layer, Schema } from "effect"
import { Today } from "./Today.js"
import { hashToken, newApiKey } from "./Tokens.js"
import { transaction } from "./Transaction.js"

const encode = Schema.encodeSync(ApiKey)

const make = Effect.gen(function* () {
  const keys = yield* ApiKeysRepository
  const audit = yield* AuditLog
  const today = yield* Today

  /** Creates a key; the answer carries the key itself, this once. */
  const create = Effect.fn("ApiKeys.create")(function* (actor: string, input: NewApiKey) {
    const now = yield* today.nowIso
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= Date.parse(now)) {
      const message = `expiresAt (${input.expiresAt}) has passed; a new key must expire in the future.`
      return yield* new ApiKeyExpiryPast({ errors: [{ path: "expiresAt", message }], message })
    }
    const key = newApiKey()
    return yield* transaction(
      Effect.gen(function* () {
        const created = yield* keys.create(input, hashToken(key), actor)
        yield* audit.record({
          actor,
          action: "create",
          entity: `api_key:${created.id}`,
          after: encode(created),
        })
        return { ...created, key }
      }),
    )
  })

  /** Revokes a key; it stops working at once. */
  const revoke = Effect.fn("ApiKeys.revoke")(function* (actor: string, id: string) {
    return yield* transaction(
      Effect.gen(function* () {
        const { before, after } = yield* keys.revoke(id)
        yield* audit.record({
          actor,
          action: "revoke",
          entity: `api_key:${id}`,
          before: encode(before),
          after: encode(after),
        })
        return after
      }),
    )
  })

  return {
    create,
    revoke,
    /** A page of keys, never the keys themselves. */
    list: (page: PageRequest) => keys.list(page),
  } as const
})

/** Integrators' API keys. */
export class ApiKeys extends Context.Tag("@coordina/app/ApiKeys")<
  ApiKeys,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store and the clock. */
  static readonly layer = Layer.effect(ApiKeys, make)
}
