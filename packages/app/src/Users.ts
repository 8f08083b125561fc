/**
 * Staff accounts, managed by admins: created with a password checked for strength and hashed
 * on arrival, changed under `If-Match`, and reset (which ends every session of the user). Every
 * change has its audit entry in the same transaction.
 * @module
 */
import { type NewUser, User, type UserChange } from "@coordina/domain"
import { AuditLog, type PageRequest, SessionsRepository, UsersRepository } from "@coordina/store"
import { Context, Effect, Layer, Schema } from "effect"
import { checkPasswordStrength, hashPassword } from "./Passwords.js"
import { transaction } from "./Transaction.js"

const encode = Schema.encodeSync(User)

const make = Effect.gen(function* () {
  const users = yield* UsersRepository
  const sessions = yield* SessionsRepository
  const audit = yield* AuditLog

  /** Creates a user with the password chosen now; there is no default password. */
  const create = Effect.fn("Users.create")(function* (actor: string, input: NewUser) {
    yield* checkPasswordStrength(input.password, input)
    const passwordHash = yield* hashPassword(input.password)
    return yield* transaction(
      Effect.gen(function* () {
        const user = yield* users.create({ ...input, passwordHash })
        yield* audit.record({ actor, action: "create", entity: `user:${user.id}`, after: encode(user) })
        return user
      }),
    )
  })

  /** Changes a user's roles, name or disabled flag if they are still at `expectedVersion`. */
  const update = Effect.fn("Users.update")(function* (
    actor: string,
    id: string,
    expectedVersion: number,
    change: UserChange,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const { before, after } = yield* users.update(id, expectedVersion, change)
        yield* audit.record({
          actor,
          action: "update",
          entity: `user:${id}`,
          before: encode(before),
          after: encode(after),
        })
        return after
      }),
    )
  })

  /** Sets a new password, checked against the user's own name and email; their sessions end. */
  const resetPassword = Effect.fn("Users.resetPassword")(function* (
    actor: string,
    id: string,
    password: string,
  ) {
    const user = yield* users.get(id)
    yield* checkPasswordStrength(password, user)
    const passwordHash = yield* hashPassword(password)
    return yield* transaction(
      Effect.gen(function* () {
        const { after } = yield* users.setPasswordHash(id, passwordHash)
        yield* sessions.revokeAllOf(id)
        yield* audit.record({
          actor,
          action: "reset_password",
          entity: `user:${id}`,
          after: { passwordChanged: true, sessionsEnded: true },
        })
        return after
      }),
    )
  })

  return {
    create,
    update,
    resetPassword,
    /** A page of users. */
    list: (page: PageRequest) => users.list(page),
    /** One user. */
    get: (id: string) => users.get(id),
  } as const
})

/** Staff accounts. */
export class Users extends Context.Tag("@coordina/app/Users")<Users, Effect.Effect.Success<typeof make>>() {
  /** Over the store. */
  static readonly layer = Layer.effect(Users, make)
}
