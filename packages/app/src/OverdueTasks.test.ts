import {
  acceptTask,
  completeTask,
  type InstitutionId,
  isoDate,
  NewMeasure,
  NewWebhookEndpoint,
  PlanRequest,
} from "@coordina/domain"
import { WebhookEndpointsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Plans } from "./Plans.js"
import { Tasks } from "./Tasks.js"
import { appOn, callers, institutions, matchedIn } from "./testing/AgreementsWorld.js"

const d = isoDate

const overduePayloads = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql`SELECT payload FROM outbox WHERE event_type = 'task.overdue' ORDER BY id`
  return rows.map((r) => JSON.parse(String(r.payload)) as { type: string; data: Record<string, unknown> })
})

describe.each(testDatabases())("task.overdue on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "announces a task once when it becomes overdue, and never one completed in time",
    () =>
      Effect.gen(function* () {
        yield* (yield* WebhookEndpointsRepository).create(
          new NewWebhookEndpoint({ url: "https://hooks.example.org/in", eventTypes: ["task.overdue"] }),
          "whsec_c2VjcmV0",
        )
        yield* institutions(["ins_town"], ["ins_labour"])
        const { agreement } = yield* matchedIn("ins_town")
        const plan = yield* (yield* Plans).set(
          callers.admin,
          agreement.id,
          0,
          new PlanRequest({
            date: d("2019-04-01"),
            measures: [
              new NewMeasure({
                area: "housing",
                responsibleInstitutionId: "ins_town" as InstitutionId,
                dueDate: d("2019-05-31"),
              }),
              new NewMeasure({
                area: "employment",
                responsibleInstitutionId: "ins_labour" as InstitutionId,
                dueDate: d("2019-06-28"),
              }),
            ],
          }),
        )
        const [inTime, late] = plan.tasks
        const tasks = yield* Tasks
        const town = callers.institutionUser("ins_town")
        yield* tasks.act(town, inTime!.id, undefined, d("2019-04-10"), acceptTask)
        yield* tasks.act(town, inTime!.id, undefined, d("2019-05-20"), (t, on) =>
          completeTask(t, "housed", on),
        )

        // Before the due date nothing is overdue.
        expect(yield* tasks.publishOverdue(d("2019-06-28"))).toBe(0)
        expect(yield* overduePayloads).toEqual([])

        expect(yield* tasks.publishOverdue(d("2019-06-29"))).toBe(1)
        expect(yield* tasks.publishOverdue(d("2019-06-29"))).toBe(0)
        expect(yield* tasks.publishOverdue(d("2019-07-15"))).toBe(0)
        const payloads = yield* overduePayloads
        expect(payloads).toHaveLength(1)
        expect(payloads[0]).toMatchObject({
          type: "task.overdue",
          data: {
            taskId: late!.id,
            agreementId: agreement.id,
            institutionId: "ins_labour",
            area: "employment",
            dueDate: "2019-06-28",
          },
        })
        const sql = yield* SqlClient.SqlClient
        const notices = yield* sql`SELECT task_id, overdue_on FROM task_overdue_notices`
        expect(notices).toEqual([{ taskId: late!.id, overdueOn: "2019-06-29" }])
      }).pipe(Effect.provide(appOn(db))),
  )
})
