/**
 * `/v1/users`: staff accounts, managed by admins. Passwords are hashed with argon2id on arrival
 * and never shown; there is no default password. Changes need `If-Match`.
 * @module
 */
import { NewUser, PasswordReset, User, UserChange, UserPage } from "@coordina/domain"
import { AuditLog, SessionsRepository, UsersRepository } from "@coordina/store"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { transaction } from "@coordina/app"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
import { hashPassword } from "../http/Passwords.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params, query } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const tags = ["access"]

/** The users sub-app, mounted at `/v1/users`. */
export const userRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describeRoute({
      tags,
      summary: "Create a user",
      responses: { 201: jsonResponse(User, "The user, never with the password"), ...problems(400, 403, 409) },
    }),
    requires("users", "write"),
    body(NewUser),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const input = c.req.valid("json")
          const passwordHash = yield* hashPassword(input.password)
          return yield* transaction(
            Effect.gen(function* () {
              const user = yield* (yield* UsersRepository).create({ ...input, passwordHash })
              yield* (yield* AuditLog).record({
                actor: c.var.principal.id,
                action: "create",
                entity: `user:${user.id}`,
                after: Schema.encodeSync(User)(user),
              })
              return user
            }),
          )
        }),
        User,
        201,
      ),
  )
  .get(
    "/",
    describeRoute({
      tags,
      summary: "List users",
      responses: { 200: jsonResponse(UserPage, "A page of users") },
    }),
    requires("users", "read"),
    query(PageQuery),
    (c) => respond(c, UsersRepository.pipe(Effect.flatMap((u) => u.list(c.req.valid("query")))), UserPage),
  )
  .get(
    "/:id",
    describeRoute({
      tags,
      summary: "Read a user",
      responses: { 200: jsonResponse(User, "The user"), ...problems(404) },
    }),
    requires("users", "read"),
    params(IdParam),
    (c) => respond(c, UsersRepository.pipe(Effect.flatMap((u) => u.get(c.req.valid("param").id))), User),
  )
  .patch(
    "/:id",
    describeRoute({
      tags,
      summary: "Change a user's roles, name, or disable them",
      responses: { 200: jsonResponse(User, "The changed user"), ...problems(400, 404, 409, 428) },
    }),
    requires("users", "write"),
    ifMatch(),
    params(IdParam),
    body(UserChange),
    (c) =>
      respond(
        c,
        transaction(
          Effect.gen(function* () {
            const { id } = c.req.valid("param")
            const { before, after } = yield* (yield* UsersRepository).update(
              id,
              expectedVersion(c),
              c.req.valid("json"),
            )
            yield* (yield* AuditLog).record({
              actor: c.var.principal.id,
              action: "update",
              entity: `user:${id}`,
              before: Schema.encodeSync(User)(before),
              after: Schema.encodeSync(User)(after),
            })
            return after
          }),
        ),
        User,
      ),
  )
  .post(
    "/:id/password",
    describeRoute({
      tags,
      summary: "Reset a user's password; their sessions end",
      responses: { 200: jsonResponse(User, "The user"), ...problems(400, 404) },
    }),
    requires("users", "write"),
    params(IdParam),
    body(PasswordReset),
    (c) =>
      respond(
        c,
        Effect.gen(function* () {
          const { id } = c.req.valid("param")
          const passwordHash = yield* hashPassword(c.req.valid("json").password)
          return yield* transaction(
            Effect.gen(function* () {
              const { after } = yield* (yield* UsersRepository).setPasswordHash(id, passwordHash)
              yield* (yield* SessionsRepository).revokeAllOf(id)
              yield* (yield* AuditLog).record({
                actor: c.var.principal.id,
                action: "reset_password",
                entity: `user:${id}`,
                after: { passwordChanged: true, sessionsEnded: true },
              })
              return after
            }),
          )
        }),
        User,
      ),
  )
