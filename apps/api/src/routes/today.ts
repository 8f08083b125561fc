/**
 * `GET /v1/today`: the API's one "today" (the date in `COORDINA_TIME_ZONE`, the zone and the
 * instant), so the web app and integrators never take today from their own clock.
 * @module
 */
import { Today } from "@coordina/app"
import { TodayView } from "@coordina/domain"
import { Effect } from "effect"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { jsonResponse, problems } from "../http/Docs.js"
import { selfService } from "../http/Policy.js"
import { respond } from "../http/Respond.js"

/** Today's date, zone and instant, read from the one clock in one step. */
const readToday = Effect.gen(function* () {
  const today = yield* Today
  return { date: yield* today.date, zone: today.zone, now: yield* today.nowIso }
})

/** The today sub-app, mounted at `/v1/today`. */
export const todayRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags: ["system"],
    summary: "Today's date in the configured time zone",
    description:
      "The date every deadline, overdue task and default `asOf` of the API is taken on, in `COORDINA_TIME_ZONE` (Europe/Sofia by default). Any signed-in caller may read it.",
    responses: {
      200: jsonResponse(TodayView, "Today's date, the zone and the current instant"),
      ...problems(),
    },
  }),
  selfService(),
  (c) => respond(c, readToday, TodayView),
)
