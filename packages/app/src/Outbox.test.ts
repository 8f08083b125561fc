import {
  acceptTask,
  completeTask,
  type InstitutionId,
  isoDate,
  NewMeasure,
  NewWebhookEndpoint,
  PlanRequest,
  ReportRequest,
  IsoDate,
  NewParticipation,
  type WebhookEventType,
} from "@coordina/domain"
import { OutboxRepository, WebhookEndpointsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Events } from "./Events.js"
import { Outbox } from "./Outbox.js"
import { People } from "./People.js"
import { Plans } from "./Plans.js"
import { ReportJobs } from "./ReportJobs.js"
import { Reports } from "./Reports.js"
import { SheetImport } from "./SheetImport.js"
import { Tasks } from "./Tasks.js"
import { appOn, callers, institutions, matchedIn } from "./testing/AgreementsWorld.js"
import { eventOf, personAt, testApp, twoProjects } from "./testing/index.js"
import { transaction } from "./Transaction.js"

const subscribe = (...eventTypes: ReadonlyArray<WebhookEventType>) =>
  Effect.flatMap(WebhookEndpointsRepository, (r) =>
    r.create(new NewWebhookEndpoint({ url: "https://hooks.example.org/in", eventTypes }), "whsec_c2VjcmV0"),
  )

describe.each(testDatabases())("Outbox publishing on $name", (db) => {
  it.effect.skipIf(!db.available)("enqueues nothing for a change that rolled back", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      yield* subscribe("person.merged")
      const failed = yield* transaction(
        outbox
          .publish("person.merged", { personId: "per_a", intoPersonId: "per_b" })
          .pipe(Effect.zipRight(Effect.fail("the change failed" as const))),
      ).pipe(Effect.flip)
      expect(failed).toBe("the change failed")
      expect((yield* (yield* OutboxRepository).list(undefined, {})).items).toEqual([])
      yield* transaction(outbox.publish("person.merged", { personId: "per_a", intoPersonId: "per_b" }))
      expect((yield* (yield* OutboxRepository).list(undefined, {})).items).toHaveLength(1)
    }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "sends a merge to each subscribed endpoint with ids only, and nothing for a refused merge",
    () =>
      Effect.gen(function* () {
        const people = yield* People
        const a1 = yield* subscribe("person.merged", "task.created")
        const a2 = yield* subscribe("person.merged")
        yield* subscribe("report.ready")
        const { institutionId } = yield* twoProjects
        const a = yield* personAt(institutionId, "Мария", "Петрова")
        const b = yield* personAt(institutionId, "Maria", "Petrova")
        yield* Effect.flip(people.merge(callers.admin, a.id, a.id))
        const repo = yield* OutboxRepository
        expect((yield* repo.list(undefined, {})).items).toEqual([])
        yield* people.merge(callers.admin, b.id, a.id)
        const page = yield* repo.list(undefined, {})
        expect(page.items.map((m) => [m.endpointId, m.eventType, m.status]).sort()).toEqual(
          [
            [a1.id, "person.merged", "pending"],
            [a2.id, "person.merged", "pending"],
          ].sort(),
        )
        // Distinct webhook-ids, one per endpoint.
        expect(new Set(page.items.map((m) => m.id)).size).toBe(2)
        const claimed = yield* repo.claimDue("w", 10, 30, "2100-01-01T00:00:00.000Z")
        for (const m of claimed) {
          const body = JSON.parse(m.payload)
          expect(body).toEqual({
            type: "person.merged",
            timestamp: "2026-06-15T09:00:00.000Z",
            data: { personId: b.id, intoPersonId: a.id },
          })
          expect(m.payload).not.toMatch(/Мария|Maria|Петрова|Petrova/)
        }
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)("publishes task.created for a plan's new tasks and each answer", () =>
    Effect.gen(function* () {
      const endpoint = yield* subscribe(
        "task.created",
        "task.accepted",
        "task.completed",
        "agreement.transitioned",
      )
      yield* institutions(["ins_town"], ["ins_labour"])
      const { agreement } = yield* matchedIn("ins_town")
      const plan = yield* (yield* Plans).set(
        callers.admin,
        agreement.id,
        0,
        new PlanRequest({
          date: isoDate("2019-04-01"),
          measures: [
            new NewMeasure({
              area: "employment",
              responsibleInstitutionId: "ins_labour" as InstitutionId,
              dueDate: isoDate("2019-05-31"),
            }),
          ],
        }),
      )
      const task = plan.tasks[0]!
      const labour = callers.institutionUser("ins_labour")
      const tasks = yield* Tasks
      yield* Effect.flip(tasks.act(labour, task.id, 7, isoDate("2019-04-02"), acceptTask))
      yield* tasks.act(labour, task.id, 1, isoDate("2019-04-02"), acceptTask)
      yield* tasks.act(labour, task.id, undefined, isoDate("2019-04-03"), (t, on) =>
        completeTask(t, "done", on),
      )
      const claimed = yield* (yield* OutboxRepository).claimDue("w", 50, 30, "2100-01-01T00:00:00.000Z")
      const bodies = claimed.map(
        (m) => JSON.parse(m.payload) as { type: string; data: Record<string, unknown> },
      )
      const taskData = {
        taskId: task.id,
        agreementId: agreement.id,
        institutionId: "ins_labour",
        area: "employment",
        dueDate: task.dueDate,
      }
      expect(bodies.filter((b) => b.type.startsWith("task.")).map((b) => [b.type, b.data])).toEqual([
        ["task.created", taskData],
        ["task.accepted", taskData],
        ["task.completed", taskData],
      ])
      // The endpoint was subscribed before the match, so the match is in its log too.
      expect(bodies.find((b) => b.type === "agreement.transitioned")?.data).toMatchObject({
        agreementId: agreement.id,
        event: "matched",
        to: agreement.state,
      })
      expect(claimed.every((m) => m.endpointId === endpoint.id)).toBe(true)
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "publishes participation.attended when days are recorded, not cleared",
    () =>
      Effect.gen(function* () {
        yield* subscribe("participation.attended")
        const events = yield* Events
        const { institutionId, mine } = yield* twoProjects
        const event = yield* eventOf(mine, "2018-05-11")
        const person = yield* personAt(institutionId, "Мария", "Петрова")
        const registered = yield* events.register(
          callers.admin,
          event.id,
          Schema.decodeUnknownSync(NewParticipation)({
            personId: person.id,
            role: "participant",
            status: "registered",
          }),
        )
        const day = IsoDate.make("2018-05-11")
        yield* Effect.flip(events.setAttendance(callers.admin, event.id, person.id, [day], 7))
        yield* events.setAttendance(callers.admin, event.id, person.id, [day], 1)
        yield* events.setAttendance(callers.admin, event.id, person.id, [], 2)
        const claimed = yield* (yield* OutboxRepository).claimDue("w", 50, 30, "2100-01-01T00:00:00.000Z")
        expect(claimed.map((m) => JSON.parse(m.payload).data)).toEqual([
          {
            participationId: registered.id,
            eventId: event.id,
            personId: person.id,
            attendedDays: ["2018-05-11"],
          },
        ])
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "publishes a sign-in sheet's attendance once per participation, nothing on a preview",
    () =>
      Effect.gen(function* () {
        yield* subscribe("participation.attended")
        const sheets = yield* SheetImport
        const { institutionId, mine } = yield* twoProjects
        const event = yield* eventOf(mine)
        const header = [
          "given_name",
          "family_name",
          "email",
          "gender",
          "institution_id",
          "institution_name",
          "role",
          "days",
        ]
        const table = {
          header,
          rows: [
            ["Мария", "Петрова", "maria@ruse.bg", "female", institutionId, "", "participant", "all"],
            ["Ivan", "Ivanov", "", "male", institutionId, "", "participant", "2018-03-01"],
          ],
        }
        const upload = (dryRun: boolean) => ({ eventId: event.id, sheet: Effect.succeed(table), dryRun })
        yield* sheets.run(callers.admin, upload(true))
        const repo = yield* OutboxRepository
        expect((yield* repo.list(undefined, {})).items).toEqual([])
        yield* sheets.run(callers.admin, upload(false))
        const claimed = yield* repo.claimDue("w", 50, 30, "2100-01-01T00:00:00.000Z")
        const data = claimed.map(
          (m) => JSON.parse(m.payload).data as { participationId: string; attendedDays: Array<string> },
        )
        expect(data).toHaveLength(2)
        expect(
          data.every((d) => /^par_/.test(d.participationId) && d.attendedDays.join() === "2018-03-01"),
        ).toBe(true)
        expect(claimed.map((m) => m.payload).join()).not.toMatch(/Мария|Ivan|maria@ruse\.bg/)
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)("publishes report.ready when the worker marks a version ready", () =>
    Effect.gen(function* () {
      yield* subscribe("report.ready")
      const { mine } = yield* twoProjects
      const queued = yield* (yield* Reports).request(
        callers.admin,
        mine,
        new ReportRequest({
          kind: "interim",
          periodStart: isoDate("2018-01-01"),
          periodEnd: isoDate("2018-06-30"),
        }),
      )
      const repo = yield* OutboxRepository
      expect((yield* repo.list(undefined, {})).items).toEqual([])
      const jobs = yield* ReportJobs
      while (yield* jobs.runNext({ worker: "w", leaseSeconds: 30, maxAttempts: 3 })) {}
      const claimed = yield* repo.claimDue("w", 50, 30, "2100-01-01T00:00:00.000Z")
      expect(claimed.map((m) => JSON.parse(m.payload))).toEqual([
        {
          type: "report.ready",
          timestamp: expect.any(String),
          data: {
            reportId: queued.id,
            projectId: mine,
            kind: "interim",
            periodStart: "2018-01-01",
            periodEnd: "2018-06-30",
            version: 1,
          },
        },
      ])
    }).pipe(Effect.provide(testApp(db))),
  )
})
