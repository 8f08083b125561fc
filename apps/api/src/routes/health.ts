/**
 * `GET /health`: `{ "status": "ok" }` once the database answers.
 * @module
 */
import { databaseAnswers } from "@coordina/app"
import { Hono } from "hono"
import { describeRoute } from "hono-openapi"
import type { AppEnv } from "../http/AppEnv.js"
import { httpProblem, sendProblem } from "../http/Problem.js"

/** The health check, open to everyone. */
export const healthRoutes = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    tags: ["system"],
    summary: "Health check",
    security: [],
    responses: {
      200: { description: "The API and its database answer" },
      503: { description: "The database does not answer" },
    },
  }),
  async (c) => {
    const ok = await c.var.runtime.runPromise(databaseAnswers)
    return ok ? c.json({ status: "ok" }) : sendProblem(c, httpProblem(503, "The database does not answer."))
  },
)
