/**
 * `/v1/users`: staff accounts, managed by admins. Passwords are hashed with argon2id on arrival
 * and never shown; there is no default password. Changes need `If-Match`.
 * @module
 */
import { Users } from "@coordina/app"
import { NewUser, PasswordReset, User, UserChange, UserPage } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { expectedVersion, ifMatch } from "../http/Concurrency.js"
import { jsonResponse, PageQuery, problems } from "../http/Docs.js"
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
      responses: {
        201: jsonResponse(User, "The user, never with the password"),
        ...problems(400, 403, 409, 422),
      },
    }),
    requires("users", "write"),
    body(NewUser),
    (c) =>
      respond(
        c,
        Effect.flatMap(Users, (u) => u.create(c.var.principal.id, c.req.valid("json"))),
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
    (c) =>
      respond(
        c,
        Effect.flatMap(Users, (u) => u.list(c.req.valid("query"))),
        UserPage,
      ),
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
    (c) =>
      respond(
        c,
        Effect.flatMap(Users, (u) => u.get(c.req.valid("param").id)),
        User,
      ),
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
        Effect.flatMap(Users, (u) =>
          u.update(c.var.principal.id, c.req.valid("param").id, expectedVersion(c), c.req.valid("json")),
        ),
        User,
      ),
  )
  .post(
    "/:id/password",
    describeRoute({
      tags,
      summary: "Reset a user's password; their sessions end",
      responses: { 200: jsonResponse(User, "The user"), ...problems(400, 404, 422) },
    }),
    requires("users", "write"),
    params(IdParam),
    body(PasswordReset),
    (c) =>
      respond(
        c,
        Effect.flatMap(Users, (u) =>
          u.resetPassword(c.var.principal.id, c.req.valid("param").id, c.req.valid("json").password),
        ),
        User,
      ),
  )
