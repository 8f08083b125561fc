/**
 * `/v1/users/me/notifications`: what the signed-in user receives by e-mail, and in which
 * language. Only a person signed in has preferences; an API key or the admin token gets 403.
 * @module
 */
import { Notifications } from "@coordina/app"
import { NotificationPreferences } from "@coordina/domain"
import { Effect } from "effect"
import { type Context, Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { selfService } from "../http/Policy.js"
import { httpProblem, sendProblem } from "../http/Problem.js"
import { respond } from "../http/Respond.js"
import { body } from "../http/Validate.js"

const tags = ["access"]

const notAUser = (c: Context<AppEnv>) =>
  sendProblem(c, httpProblem(403, "Only a signed-in user has notification preferences."))

/** The notification preferences sub-app, mounted at `/v1/users/me/notifications`. */
export const notificationRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      tags,
      summary: "My notification preferences",
      description: "Everything is on, in Bulgarian, until the user chooses otherwise.",
      responses: { 200: jsonResponse(NotificationPreferences, "The preferences"), ...problems(403) },
    }),
    selfService(),
    (c) => {
      const p = c.var.principal
      if (p.kind !== "session") return notAUser(c)
      return respond(
        c,
        Effect.flatMap(Notifications, (n) => n.preferences(p.id)),
        NotificationPreferences,
      )
    },
  )
  .put(
    "/",
    describeRoute({
      tags,
      summary: "Change my notification preferences",
      description: "Replaces them whole: a kind left out of `kinds` is on, a missing `language` is `bg`.",
      responses: { 200: jsonResponse(NotificationPreferences, "The preferences now"), ...problems(400, 403) },
    }),
    selfService(),
    body(NotificationPreferences),
    (c) => {
      const p = c.var.principal
      if (p.kind !== "session") return notAUser(c)
      return respond(
        c,
        Effect.flatMap(Notifications, (n) => n.setPreferences(p.id, c.req.valid("json"))),
        NotificationPreferences,
      )
    },
  )
