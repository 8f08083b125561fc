import { Plans } from "@coordina/app"
import { appOn, callers, institutions, matchedIn } from "@coordina/app/testing/agreements"
import { type InstitutionId, isoDate, NewMeasure, NewWebhookEndpoint, PlanRequest } from "@coordina/domain"
import { JobRuns, WebhookEndpointsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runDue } from "../Job.js"
import { OverdueTasksJob } from "./OverdueTasksJob.js"

describe.each(testDatabases())("the overdue-tasks job on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "publishes task.overdue once per task, on the morning after its due date",
    () =>
      Effect.gen(function* () {
        yield* (yield* WebhookEndpointsRepository).create(
          new NewWebhookEndpoint({ url: "https://hooks.example.org/in", eventTypes: ["task.overdue"] }),
          "whsec_c2VjcmV0",
        )
        yield* institutions(["ins_town"])
        const { agreement } = yield* matchedIn("ins_town")
        yield* (yield* Plans).set(
          callers.admin,
          agreement.id,
          0,
          new PlanRequest({
            date: isoDate("2019-04-01"),
            measures: [
              new NewMeasure({
                area: "housing",
                responsibleInstitutionId: "ins_town" as InstitutionId,
                dueDate: isoDate("2019-05-31"),
              }),
            ],
          }),
        )
        const sql = yield* SqlClient.SqlClient
        const published = sql`SELECT event_type FROM outbox WHERE event_type = 'task.overdue'`
        // 06:00 in Sofia on the due date: not overdue yet.
        expect(yield* runDue(OverdueTasksJob, new Date("2019-05-31T04:00:00Z"), "Europe/Sofia")).toBe("ran")
        expect(yield* published).toHaveLength(0)
        const nextMorning = new Date("2019-06-01T04:00:00Z")
        expect(yield* runDue(OverdueTasksJob, nextMorning, "Europe/Sofia")).toBe("ran")
        expect(yield* runDue(OverdueTasksJob, nextMorning, "Europe/Sofia")).toBe("already-done")
        expect(yield* runDue(OverdueTasksJob, new Date("2019-06-02T04:00:00Z"), "Europe/Sofia")).toBe("ran")
        expect(yield* published).toHaveLength(1)
        expect((yield* (yield* JobRuns).list("overdue-tasks")).map((r) => r.period)).toEqual([
          "2019-05-31",
          "2019-06-01",
          "2019-06-02",
        ])
      }).pipe(Effect.provide(appOn(db))),
  )
})
