/**
 * Locked periods of a project: `/v1/projects/{id}/locks` (the periods submitted reports locked),
 * `/v1/projects/{id}/locks/{lockId}/unlock` (admins only, with a reason) and
 * `/v1/projects/{id}/revisions` (the corrections made after an unlock). Handlers decode,
 * authorise and call the `PeriodLocks` service.
 * @module
 */
import { PeriodLocks } from "@coordina/app"
import { PeriodLockView, RevisionView, UnlockPeriod } from "@coordina/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { requires } from "../http/Policy.js"
import { respond } from "../http/Respond.js"
import { body, params } from "../http/Validate.js"

const IdParam = Schema.Struct({ id: Schema.String })
const LockParam = Schema.Struct({ id: Schema.String, lockId: Schema.String })
const LockList = Schema.Struct({ items: Schema.Array(PeriodLockView) }).annotations({
  identifier: "PeriodLockList",
})
const RevisionList = Schema.Struct({ items: Schema.Array(RevisionView) }).annotations({
  identifier: "RevisionList",
})
const tags = ["reports"]

/** A project's locks and revisions, mounted at `/v1/projects`. */
export const projectLockRoutes = new Hono<AppEnv>()
  .get(
    "/:id/locks",
    describeRoute({
      tags,
      summary: "The project's locked periods",
      description:
        "Each submitted report version locks the project's records dated in its period (events, participations, attendance, sign-in sheet imports, dissemination, activity progress): a change to one answers 409 `PeriodLocked` until an admin unlocks it.",
      responses: { 200: jsonResponse(LockList, "The locks, by period"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        PeriodLocks.pipe(
          Effect.flatMap((s) => s.list(c.var.principal, c.req.valid("param").id)),
          Effect.map((items) => ({ items })),
        ),
        LockList,
      ),
  )
  .post(
    "/:id/locks/:lockId/unlock",
    describeRoute({
      tags,
      summary: "Unlock a locked period (admin)",
      description:
        "Records who unlocked it and why; every change made to the period's records afterwards is a revision, listed by `GET /v1/projects/{id}/revisions` and by the project's next report. A lock unlocked already: 409.",
      responses: { 200: jsonResponse(PeriodLockView, "The lock, now unlocked"), ...problems(400, 404, 409) },
    }),
    requires("period-locks", "write"),
    params(LockParam),
    body(UnlockPeriod),
    (c) => {
      const { id, lockId } = c.req.valid("param")
      return respond(
        c,
        PeriodLocks.pipe(
          Effect.flatMap((s) => s.unlock(c.var.principal, id, lockId, c.req.valid("json").reason)),
        ),
        PeriodLockView,
      )
    },
  )
  .get(
    "/:id/revisions",
    describeRoute({
      tags,
      summary: "Corrections of locked periods",
      description:
        "Every change made to records of a period after an admin unlocked it, oldest first, with the unlock's who and why.",
      responses: { 200: jsonResponse(RevisionList, "The revisions"), ...problems(404) },
    }),
    requires("reports", "read"),
    params(IdParam),
    (c) =>
      respond(
        c,
        PeriodLocks.pipe(
          Effect.flatMap((s) => s.revisions(c.var.principal, c.req.valid("param").id)),
          Effect.map((items) => ({ items })),
        ),
        RevisionList,
      ),
  )
