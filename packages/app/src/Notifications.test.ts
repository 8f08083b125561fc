import {
  acceptTask,
  BeneficiaryPersonal,
  completeTask,
  type InstitutionId,
  InstitutionPatch,
  isoDate,
  NewBeneficiary,
  NewEvent,
  NewMeasure,
  NewProject,
  NotificationPreferences,
  NotificationSwitches,
  PlanRequest,
} from "@coordina/domain"
import { InstitutionsRepository, UsersRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Schema } from "effect"
import { Agreements } from "./Agreements.js"
import { Beneficiaries } from "./Beneficiaries.js"
import { Events } from "./Events.js"
import { Notifications } from "./Notifications.js"
import { Plans } from "./Plans.js"
import { Projects } from "./Projects.js"
import { Tasks } from "./Tasks.js"
import { appOn, callers, institutions, offerOf } from "./testing/AgreementsWorld.js"

const d = isoDate
const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"

/**
 * A municipality's agreement for a beneficiary named Amira Haddad, with a plan whose tasks go to
 * the municipality (due Fri 28 Jun 2019) and to the labour office (due Fri 31 May 2019); staff of
 * every kind; and a project with an event on 3 Jun 2019 and a target far behind.
 */
const world = Effect.gen(function* () {
  yield* institutions(["ins_town"], ["ins_labour"])
  yield* (yield* InstitutionsRepository).update(
    "ins_labour",
    new InstitutionPatch({ contactEmails: ["office@labour.bg", "tasks@labour.bg"] }),
    1,
  )
  const beneficiary = yield* (yield* Beneficiaries).create(
    callers.admin,
    new NewBeneficiary({
      statusKind: "refugee",
      statusDecisionDate: d("2019-03-01"),
      familyMembers: 1,
      personal: new BeneficiaryPersonal({ givenName: "Amira", familyName: "Haddad" }),
    }),
  )
  const agreements = yield* Agreements
  const offer = yield* offerOf("ins_town")
  const intent = yield* agreements.declareIntent(callers.admin, {
    beneficiaryId: beneficiary.id,
    intentDate: d("2019-03-15"),
  })
  const agreement = yield* agreements.match(callers.admin, intent.id, undefined, {
    offerId: offer.id,
    date: d("2019-03-20"),
  })
  const measure = (area: string, institution: string, dueDate: string) =>
    new NewMeasure({ area, responsibleInstitutionId: institution as InstitutionId, dueDate: d(dueDate) })
  const plan = yield* (yield* Plans).set(
    callers.admin,
    agreement.id,
    0,
    new PlanRequest({
      date: d("2019-04-01"),
      measures: [
        measure("housing", "ins_town", "2019-06-28"),
        measure("employment", "ins_labour", "2019-05-31"),
      ],
    }),
  )
  const project = yield* (yield* Projects).create(
    callers.admin,
    Schema.decodeUnknownSync(NewProject)({
      code: "COORD-19",
      title: "Coordination",
      startDate: "2019-01-01",
      durationMonths: 24,
      targets: [{ indicator: "direct", value: 100 }],
    }),
  )
  yield* (yield* Events).create(
    callers.admin,
    Schema.decodeUnknownSync(NewEvent)({
      projectId: project.id,
      kind: "regional_workshop",
      title: "Workshop <Vidin>",
      startDate: "2019-06-03",
      endDate: "2019-06-03",
      city: "Видин",
    }),
  )
  const users = yield* UsersRepository
  const user = (email: string, roles: ReadonlyArray<unknown>) =>
    users.create({ email, displayName: email, passwordHash: hash, roles: roles as never })
  const staff = {
    labourBg: yield* user("bg@labour.bg", [{ role: "institution_user", institutionId: "ins_labour" }]),
    labourEn: yield* user("en@labour.bg", [{ role: "institution_user", institutionId: "ins_labour" }]),
    labourQuiet: yield* user("quiet@labour.bg", [{ role: "institution_user", institutionId: "ins_labour" }]),
    caseWorker: yield* user("cw@town.bg", [{ role: "case_worker", municipalityIds: ["ins_town"] }]),
    coordinator: yield* user("coord@x.bg", [{ role: "coordinator", projectIds: [project.id] }]),
    admin: yield* user("admin@x.bg", [{ role: "admin" }]),
  }
  const notifications = yield* Notifications
  yield* notifications.setPreferences(staff.labourEn.id, NotificationPreferences.make({ language: "en" }))
  yield* notifications.setPreferences(
    staff.labourQuiet.id,
    NotificationPreferences.make({ kinds: NotificationSwitches.make({ task_reminder: false }) }),
  )
  yield* notifications.setPreferences(staff.caseWorker.id, NotificationPreferences.make({ language: "en" }))
  const [town, labour] = plan.tasks
  return { town: town!, labour: labour!, staff, notifications }
})

describe.each(testDatabases())("Notifications.dueEmails on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "reminds the institution N working days before the due date, each recipient in their language",
    () =>
      Effect.gen(function* () {
        const { labour, staff, notifications } = yield* world
        const due = yield* notifications.dueEmails(d("2019-05-28"))
        const reminders = due.filter((e) => e.key.startsWith("task_reminder:"))
        expect(reminders.map((e) => [e.key, e.message.to])).toEqual([
          [
            `task_reminder:${labour.id}:2019-05-28:bg`,
            ["bg@labour.bg", "office@labour.bg", "tasks@labour.bg"],
          ],
          [`task_reminder:${labour.id}:2019-05-28:en`, ["en@labour.bg"]],
        ])
        expect(reminders[0]!.message.subject).toBe(`Напомняне: срокът на задача ${labour.id} е 31.05.2019 г.`)
        expect(reminders[1]!.message.text).toContain("due in 3 working days")
        expect(JSON.stringify(due)).not.toContain(staff.labourQuiet.email)
        // Not the day before or after.
        for (const day of ["2019-05-27", "2019-05-29"])
          expect(
            (yield* notifications.dueEmails(d(day))).filter((e) => e.key.startsWith("task_reminder:")),
          ).toEqual([])
        // The same day again gives the same e-mails under the same keys.
        expect((yield* notifications.dueEmails(d("2019-05-28"))).map((e) => e.key)).toEqual(
          due.map((e) => e.key),
        )
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "tells of an overdue task once, and puts it in the case worker's digest, not a task that was done",
    () =>
      Effect.gen(function* () {
        const { labour, town, staff, notifications } = yield* world
        const june1 = yield* notifications.dueEmails(d("2019-06-01"))
        expect(june1.filter((e) => e.key.startsWith("task_overdue:")).map((e) => e.key)).toEqual([
          `task_overdue:${labour.id}:2019-06-01:bg`,
          `task_overdue:${labour.id}:2019-06-01:en`,
        ])
        expect(
          (yield* notifications.dueEmails(d("2019-06-02"))).some((e) => e.key.startsWith("task_overdue:")),
        ).toBe(false)
        // From 29 Jun both tasks of the municipality's agreement are overdue: its case worker reads them in the digest.
        const june29 = yield* notifications.dueEmails(d("2019-06-29"))
        const digest = june29.find((e) => e.key === `daily_digest:${staff.caseWorker.id}:2019-06-29`)
        expect(digest?.message).toMatchObject({ to: ["cw@town.bg"], language: "en" })
        expect(digest?.message.text).toContain("Overdue tasks (2)")
        expect(digest?.message.text).toContain(`${town.id} (ins_town, Housing), due 28 June 2019`)
        expect(digest?.message.text).toContain(
          `${labour.id} (ins_labour, Employment and labour-office registration), due 31 May 2019`,
        )
        // A task done is overdue no more.
        const tasks = yield* Tasks
        yield* tasks.act(callers.admin, town.id, undefined, d("2019-06-10"), acceptTask)
        yield* tasks.act(callers.admin, town.id, undefined, d("2019-06-20"), (t, on) =>
          completeTask(t, "Housed", on),
        )
        const after = (yield* notifications.dueEmails(d("2019-06-29"))).find(
          (e) => e.key === `daily_digest:${staff.caseWorker.id}:2019-06-29`,
        )
        expect(after?.message.text).toContain("Overdue tasks (1)")
        expect(after?.message.text).not.toContain(town.id)
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "sends the coordinator a digest of upcoming events and targets behind, unless turned off",
    () =>
      Effect.gen(function* () {
        const { staff, notifications } = yield* world
        const due = yield* notifications.dueEmails(d("2019-05-28"))
        const digest = due.find((e) => e.key === `daily_digest:${staff.coordinator.id}:2019-05-28`)
        expect(digest?.message).toMatchObject({ to: ["coord@x.bg"], language: "bg" })
        expect(digest?.message.text).toContain("COORD-19: Workshop <Vidin>, Видин, 03.06.2019 г.")
        expect(digest?.message.html).toContain("Workshop &lt;Vidin&gt;")
        expect(digest?.message.text).toContain("Цели под очакваното")
        expect(digest?.message.text).toContain("COORD-19, direct: постигнати 0 от 100")
        // Admins and institution users get no digest.
        expect(due.filter((e) => e.key.startsWith("daily_digest:")).map((e) => e.key)).toEqual([
          `daily_digest:${staff.coordinator.id}:2019-05-28`,
        ])
        yield* notifications.setPreferences(
          staff.coordinator.id,
          NotificationPreferences.make({ kinds: NotificationSwitches.make({ daily_digest: false }) }),
        )
        expect(
          (yield* notifications.dueEmails(d("2019-05-28"))).some((e) => e.key.startsWith("daily_digest:")),
        ).toBe(false)
      }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)("never puts the beneficiary's name in any e-mail", () =>
    Effect.gen(function* () {
      const { town, notifications } = yield* world
      const mails = [
        ...(yield* notifications.taskAssignedEmails(town)),
        ...(yield* Effect.forEach(["2019-05-28", "2019-06-01", "2019-06-25", "2019-06-29"], (day) =>
          notifications.dueEmails(d(day)),
        )).flat(),
      ]
      expect(mails.length).toBeGreaterThan(4)
      const everything = JSON.stringify(mails)
      expect(everything).not.toMatch(/Amira|Haddad/i)
      expect(everything).not.toMatch(/Амира|Хадад/i)
    }).pipe(Effect.provide(appOn(db))),
  )

  it.effect.skipIf(!db.available)(
    "a plan's new tasks put the institution's e-mail in the outbox, in the plan's own transaction",
    () =>
      Effect.gen(function* () {
        const { labour } = yield* world
        const sql = yield* SqlClient.SqlClient
        const rows = yield* sql<{ eventType: string; status: string; payload: string }>`
          SELECT event_type, status, payload FROM outbox WHERE channel = 'email' ORDER BY id`
        const assigned = rows.filter((r) => r.eventType === "task_assigned")
        // The town has no contact address and no users yet; the labour office has two addresses.
        expect(assigned).toHaveLength(1)
        expect(assigned[0]!.status).toBe("pending")
        const message = JSON.parse(assigned[0]!.payload) as { to: ReadonlyArray<string>; text: string }
        expect(message.to).toEqual(["office@labour.bg", "tasks@labour.bg"])
        expect(message.text).toContain(labour.id)
        expect(assigned[0]!.payload).not.toMatch(/Amira|Haddad|Амира|Хадад/i)
      }).pipe(Effect.provide(appOn(db))),
  )
})
