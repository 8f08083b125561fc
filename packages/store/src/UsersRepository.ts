/**
 * Staff accounts. The store keeps a password hash it is given (the API hashes with argon2id) and
 * never hands it out except to the sign-in check.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  type RoleGrant,
  User,
  type UserChange,
  UserEmailTaken,
  UserNotFound,
  UserVersionStale,
} from "@coordina/domain"
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { newId } from "./Ids.js"
import { int, json, type Page, type PageRequest, pageSize, toPage } from "./Rows.js"

const decodeUser = Schema.decodeUnknownSync(User)

const toUser = (r: Record<string, unknown>): User =>
  decodeUser({
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    roles: json(r.roles),
    disabled: int(r.disabled) === 1,
    version: int(r.version),
  })

/** A new account: the password already hashed. */
export interface NewUserRecord {
  readonly email: string
  readonly displayName: string
  readonly passwordHash: string
  readonly roles: ReadonlyArray<RoleGrant>
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const now = DateTime.now.pipe(Effect.map(DateTime.formatIso))

  const find = (id: string) =>
    sql`SELECT * FROM users WHERE id = ${id}`.pipe(
      Effect.orDie,
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toUser)),
    )

  const get = Effect.fn("UsersRepository.get")(function* (id: string) {
    return yield* Option.match(yield* find(id), {
      onNone: () => Effect.fail(new UserNotFound({ userId: id })),
      onSome: Effect.succeed,
    })
  })

  const create = Effect.fn("UsersRepository.create")(function* (input: NewUserRecord) {
    const at = yield* now
    const taken = yield* sql`SELECT id FROM users WHERE email = ${input.email}`.pipe(Effect.orDie)
    if (taken[0]) return yield* new UserEmailTaken({ email: input.email, existingId: String(taken[0].id) })
    const id = newId("usr")
    yield* sql`INSERT INTO users ${sql.insert({
      id,
      email: input.email,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      roles: JSON.stringify(input.roles),
      disabled: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })}`.pipe(Effect.orDie)
    return yield* get(id).pipe(Effect.orDie)
  })

  const list = Effect.fn("UsersRepository.list")(function* (options: PageRequest) {
    const limit = pageSize(options.limit)
    const rows = yield* sql`
      SELECT * FROM users WHERE ${options.cursor ? sql`id > ${options.cursor}` : sql`1 = 1`}
      ORDER BY id LIMIT ${limit + 1}`.pipe(Effect.orDie)
    return toPage(rows.map(toUser), limit) satisfies Page<User>
  })

  const bump = (id: string, expectedVersion: number, fields: Record<string, unknown>) =>
    Effect.gen(function* () {
      const current = yield* get(id)
      if (current.version !== expectedVersion)
        return yield* new UserVersionStale({ userId: id, expectedVersion, currentVersion: current.version })
      const at = yield* now
      const updated = yield* sql`
        UPDATE users SET ${sql.update({ ...fields, updatedAt: at })}, version = version + 1
        WHERE id = ${id} AND version = ${expectedVersion}`.pipe(Effect.orDie, Effect.zipRight(find(id)))
      const after = Option.getOrThrow(updated)
      // Another writer got in between the read and the update.
      if (after.version !== expectedVersion + 1)
        return yield* new UserVersionStale({ userId: id, expectedVersion, currentVersion: after.version })
      return { before: current, after }
    })

  /** Applies a change if the user is still at `expectedVersion`. */
  const update = Effect.fn("UsersRepository.update")(function* (
    id: string,
    expectedVersion: number,
    change: UserChange,
  ) {
    return yield* bump(id, expectedVersion, {
      ...(change.roles === undefined ? {} : { roles: JSON.stringify(change.roles) }),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
      ...(change.displayName === undefined ? {} : { displayName: change.displayName }),
    })
  })

  /** Replaces the password hash (whatever the version: an admin reset always wins). */
  const setPasswordHash = Effect.fn("UsersRepository.setPasswordHash")(function* (id: string, hash: string) {
    const current = yield* get(id)
    return yield* bump(id, current.version, { passwordHash: hash })
  })

  /** The account and its password hash for a sign-in email, if one exists. */
  const credentials = Effect.fn("UsersRepository.credentials")(function* (email: string) {
    const rows = yield* sql`SELECT * FROM users WHERE email = ${email}`.pipe(Effect.orDie)
    return Option.map(Option.fromNullable(rows[0]), (r) => ({
      user: toUser(r),
      passwordHash: String(r.passwordHash),
    }))
  })

  /** How many accounts exist; a fresh install has none. */
  const count = sql`SELECT COUNT(*) AS n FROM users`.pipe(
    Effect.orDie,
    Effect.map((rows) => int(rows[0]?.n)),
  )

  return { get, find, create, list, update, setPasswordHash, credentials, count } as const
})

/** Stores staff accounts. */
export class UsersRepository extends Context.Tag("@coordina/store/UsersRepository")<
  UsersRepository,
  Effect.Effect.Success<typeof make>
>() {
  /** The repository over the current `SqlClient`. */
  static readonly layer = Layer.effect(UsersRepository, make)
}
