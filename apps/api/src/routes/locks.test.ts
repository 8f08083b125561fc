import { readFile, writeFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { periodGuard, ReportJobs, Reports, transaction } from "@coordina/app"
import { daySpan, type IsoDate, NewDisseminationActivity } from "@coordina/domain"
import { DisseminationRepository, FileStorage } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Deferred, Effect, Either, Fiber, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const options = { worker: "test-worker", leaseSeconds: 30, maxAttempts: 3 }
const sheetHeader = "given_name,family_name,email,gender,institution_id,institution_name,role,days\n"

describe.each(testDatabases())("submission and locked periods on $name", (db) => {
  let api: TestApp
  let pid = ""
  let inH1 = ""
  let inH2 = ""
  let activityId = ""
  let m1 = ""
  let people: Array<string> = []
  let h1Report = ""
  let lockId = ""

  const must = async (method: string, path: string, body?: unknown): Promise<Body> => {
    const res = await api.json<Body>(method, path, body)
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const work = () =>
    api.run(
      Effect.gen(function* () {
        const jobs = yield* ReportJobs
        while (yield* jobs.runNext(options)) {}
      }),
    )
  const generate = async (periodStart: string, periodEnd: string) => {
    const queued = await must("POST", `/v1/projects/${pid}/reports`, {
      kind: "interim",
      periodStart,
      periodEnd,
    })
    await work()
    return must("GET", `/v1/reports/${queued.id}`)
  }
  const register = (eventId: string, personId: string) =>
    api.json<Body>("POST", `/v1/events/${eventId}/participations`, {
      personId,
      role: "participant",
      status: "registered",
    })
  const disseminate = (date: string) =>
    api.json<Body>("POST", "/v1/dissemination-activities", {
      projectId: pid,
      kind: "media",
      date,
      title: "Прессъобщение",
      namedPersonIds: [],
      additionalCount: 40,
      method: "estimated",
    })
  const sheet = (eventId: string, dryRun = false) =>
    api.request(
      "POST",
      `/v1/events/${eventId}/sign-in-sheet${dryRun ? "?dryRun=true" : ""}`,
      `${sheetHeader}Нова,Участничка,,female,${m1},,participant,all\n`,
      { "Content-Type": "text/csv" },
    )
  /** What the locked period's records look like through the API. */
  const snapshot = async () => ({
    reach: await must("GET", `/v1/projects/${pid}/reach?asOf=2018-06-30`),
    participations: await must("GET", `/v1/events/${inH1}/participations`),
    dissemination: await must("GET", `/v1/dissemination-activities?projectId=${pid}`),
    plan: await must("GET", `/v1/projects/${pid}/activities`),
    events: await must("GET", `/v1/events?projectId=${pid}`),
  })

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    pid = (
      await must("POST", "/v1/projects", {
        code: "LOCKS-1",
        title: "Заключени периоди",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 4 }],
      })
    ).id as string
    m1 = (
      await must("POST", "/v1/institutions", {
        name: "Община Плевен",
        kind: "municipality",
        level: "local",
        country: "BG",
      })
    ).id as string
    const event = async (startDate: string, endDate: string) =>
      (
        await must("POST", "/v1/events", {
          projectId: pid,
          kind: "regional_workshop",
          title: "Семинар",
          startDate,
          endDate,
          city: "Плевен",
        })
      ).id as string
    inH1 = await event("2018-03-01", "2018-03-02")
    inH2 = await event("2018-09-01", "2018-09-01")
    people = []
    for (const name of ["Мария", "Иван", "Петър"])
      people.push(
        (await must("POST", "/v1/people", { givenName: name, familyName: "Тестова", institutionId: m1 }))
          .id as string,
      )
    expect((await register(inH1, people[0]!)).status).toBe(201)
    await must("PUT", `/v1/events/${inH1}/participations/${people[0]}/attendance`, { days: ["2018-03-01"] })
    activityId = (
      await must("POST", `/v1/projects/${pid}/activities`, {
        code: "A1",
        title: "Семинари",
        plannedStart: "2018-01-01",
        plannedEnd: "2018-12-31",
        status: "in_progress",
        deliverables: [],
      })
    ).id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "submits a ready version, locks its period, and refuses every change dated in it with 409 PeriodLocked, changing nothing",
    async () => {
      const queued = await must("POST", `/v1/projects/${pid}/reports`, {
        kind: "interim",
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
      })
      const early = await api.json<Body>("POST", `/v1/reports/${queued.id}/submit`, {})
      expect(early.status).toBe(409)
      expect(early.body).toMatchObject({ code: "ReportNotReady" })
      await work()
      h1Report = queued.id as string

      const submitted = await api.json<Body>("POST", `/v1/reports/${h1Report}/submit`, { note: "подписан" })
      expect(submitted.status).toBe(200)
      expect(submitted.body).toMatchObject({ id: h1Report, status: "ready", submitNote: "подписан" })
      expect(submitted.body.submittedAt).toEqual(expect.any(String))
      lockId = submitted.body.lockId as string
      expect(lockId).toMatch(/^lck_/)
      expect(await must("GET", `/v1/reports/${h1Report}`)).toMatchObject({
        lockId,
        submittedAt: expect.any(String),
      })
      const again = await api.json<Body>("POST", `/v1/reports/${h1Report}/submit`, {})
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ code: "ReportAlreadySubmitted" })

      expect((await must("GET", `/v1/projects/${pid}/locks`)).items).toEqual([
        expect.objectContaining({
          id: lockId,
          reportId: h1Report,
          periodStart: "2018-01-01",
          periodEnd: "2018-06-30",
          status: "locked",
        }),
      ])

      const before = await snapshot()
      const refused = [
        ["registration", await register(inH1, people[1]!)],
        [
          "attendance",
          await api.json("PUT", `/v1/events/${inH1}/participations/${people[0]}/attendance`, {
            days: ["2018-03-01", "2018-03-02"],
          }),
        ],
        ["sheet import", { status: (await sheet(inH1)).status, body: {} }],
        ["sheet preview", { status: (await sheet(inH1, true)).status, body: {} }],
        ["dissemination", await disseminate("2018-06-30")],
        [
          "progress",
          await api.json("POST", `/v1/activities/${activityId}/progress`, {
            periodStart: "2018-04-01",
            periodEnd: "2018-06-30",
            text: "Проведени два семинара",
          }),
        ],
        [
          "event across the period's end",
          await api.json("POST", "/v1/events", {
            projectId: pid,
            kind: "regional_workshop",
            title: "Късен семинар",
            startDate: "2018-06-30",
            endDate: "2018-07-01",
            city: "Плевен",
          }),
        ],
      ] as const
      for (const [what, res] of refused) expect(res.status, what).toBe(409)
      const problem = (await register(inH1, people[2]!)).body
      expect(problem).toMatchObject({
        code: "PeriodLocked",
        status: 409,
        lockId,
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
      })
      expect(await snapshot()).toEqual(before)

      expect((await register(inH2, people[1]!)).status).toBe(201)
      expect((await disseminate("2018-07-01")).status).toBe(201)
    },
  )

  it.skipIf(!db.available)(
    "unlocks with a reason, records each correction as a revision, and lists it in the next report",
    async () => {
      expect((await api.json("POST", `/v1/projects/${pid}/locks/${lockId}/unlock`, {})).status).toBe(400)
      expect(
        (await api.json("POST", `/v1/projects/${pid}/locks/lck_none/unlock`, { reason: "Грешка" })).status,
      ).toBe(404)
      const unlocked = await api.json<Body>("POST", `/v1/projects/${pid}/locks/${lockId}/unlock`, {
        reason: "Пропуснат участник в присъствения списък",
      })
      expect(unlocked.status).toBe(200)
      expect(unlocked.body).toMatchObject({
        id: lockId,
        status: "unlocked",
        reason: "Пропуснат участник в присъствения списък",
        unlockedAt: expect.any(String),
      })
      const twice = await api.json<Body>("POST", `/v1/projects/${pid}/locks/${lockId}/unlock`, {
        reason: "x",
      })
      expect(twice.status).toBe(409)
      expect(twice.body).toMatchObject({ code: "LockNotInForce" })

      expect((await must("GET", `/v1/projects/${pid}/revisions`)).items).toEqual([])
      const corrected = await register(inH1, people[1]!)
      expect(corrected.status).toBe(201)
      await must("PUT", `/v1/events/${inH1}/participations/${people[1]}/attendance`, { days: ["2018-03-02"] })
      // A change outside any locked period is no revision.
      await disseminate("2018-08-01")
      const revisions = (await must("GET", `/v1/projects/${pid}/revisions`)).items as Array<Body>
      expect(revisions).toHaveLength(2)
      expect(revisions[0]).toMatchObject({
        lockId,
        entity: `participation:${corrected.body.id}`,
        reason: "Пропуснат участник в присъствения списък",
        unlockedBy: unlocked.body.unlockedBy,
      })
      expect(revisions[1]!.change).toContain("2018-03-02")
      expect(JSON.stringify(revisions)).not.toContain("Иван")

      const h2 = await generate("2018-07-01", "2018-12-31")
      const content = await must("GET", `/v1/reports/${h2.id}/json`)
      expect((content.revisions as Array<Body>).map((r) => r.id)).toEqual(revisions.map((r) => r.id))
      expect((content.revisions as Array<Body>)[0]).toMatchObject({
        entity: `participation:${corrected.body.id}`,
        reason: "Пропуснат участник в присъствения списък",
      })
      const submitted = await must("POST", `/v1/reports/${h2.id}/submit`, {})
      // After that submission, the next report starts a new list.
      const next = await generate("2018-07-01", "2018-09-30")
      expect((await must("GET", `/v1/reports/${next.id}/json`)).revisions).toEqual([])
      expect((await disseminate("2018-12-01")).body).toMatchObject({
        code: "PeriodLocked",
        lockId: submitted.lockId,
      })
    },
  )

  it.skipIf(!db.available)(
    "refuses to submit a version whose records changed since it was generated",
    async () => {
      const stale = await generate("2018-03-01", "2018-05-31")
      await must("POST", `/v1/activities/${activityId}/progress`, {
        periodStart: "2018-03-01",
        periodEnd: "2018-05-31",
        text: "Корекция след отключване",
      })
      const res = await api.json<Body>("POST", `/v1/reports/${stale.id}/submit`, {})
      expect(res.status).toBe(409)
      expect(res.body).toMatchObject({ code: "ReportOutdated" })
      expect((await must("GET", `/v1/reports/${stale.id}`)).submittedAt).toBeUndefined()
      const fresh = await generate("2018-03-01", "2018-05-31")
      expect((await api.json("POST", `/v1/reports/${fresh.id}/submit`, {})).status).toBe(200)
    },
  )

  it.skipIf(!db.available)(
    "serialises a submission with a write in its period: the write commits first, so the submission is refused as outdated",
    async () => {
      const report = await generate("2018-02-01", "2018-02-28")
      const outcome = await api.run(
        Effect.gen(function* () {
          const guard = yield* periodGuard
          const dissemination = yield* DisseminationRepository
          const reports = yield* Reports
          const checked = yield* Deferred.make<void>()
          const writer = yield* transaction(
            Effect.gen(function* () {
              yield* guard({
                projectId: pid,
                span: daySpan("2018-02-15" as IsoDate),
                actor: "test",
                entity: "dissemination:dis_race",
                change: "race",
              })
              yield* Deferred.succeed(checked, undefined)
              // The submission starts now, while this transaction is still open.
              yield* Effect.sleep("300 millis")
              yield* dissemination.create(
                Schema.decodeUnknownSync(NewDisseminationActivity)({
                  projectId: pid,
                  kind: "newsletter",
                  date: "2018-02-15",
                  title: "Бюлетин",
                  namedPersonIds: [],
                  additionalCount: 5,
                  method: "counted",
                }),
                "dis_race",
              )
            }),
          ).pipe(Effect.fork)
          yield* Deferred.await(checked)
          const submit = yield* reports
            .submit(
              { kind: "admin-token", id: "admin-token", grants: [{ role: "admin" }], scopes: [] },
              report.id as string,
              undefined,
            )
            .pipe(Effect.either, Effect.fork)
          yield* Fiber.join(writer)
          return yield* Fiber.join(submit)
        }),
      )
      expect(Either.isLeft(outcome) && outcome.left._tag).toBe("ReportOutdated")
      expect((await must("GET", `/v1/dissemination-activities/dis_race`)).date).toBe("2018-02-15")
    },
  )

  it.skipIf(!db.available)(
    "checks a file against the SHA-256 recorded at generation before sending it: an altered file is a 409 problem, not bytes",
    async () => {
      const report = await must("GET", `/v1/reports/${h1Report}`)
      const pdf = (report.files as Array<Body>).find((f) => f.format === "pdf")!
      const good = await api.request("GET", `/v1/reports/${h1Report}/pdf`)
      expect(good.status).toBe(200)
      expect(
        Buffer.from(await crypto.subtle.digest("SHA-256", await good.arrayBuffer())).toString("hex"),
      ).toBe(pdf.sha256)
      await api.run(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const storage = yield* FileStorage
          const refs = JSON.parse(
            String((yield* sql`SELECT files FROM reports WHERE id = ${h1Report}`)[0]!.files),
          ) as Array<{ format: string; fileId: string }>
          const fileId = refs.find((r) => r.format === "pdf")!.fileId
          if (storage.kind === "postgres") {
            yield* sql`UPDATE file_chunks SET data = ${new TextEncoder().encode("%PDF-altered")} WHERE file_id = ${fileId} AND seq = 0`
            return
          }
          const main = (yield* sql`SELECT file FROM pragma_database_list WHERE name = 'main'`)[0]!.file
          const path = join(dirname(String(main)), "files", fileId.slice(-2), fileId)
          const bytes = yield* Effect.promise(() => readFile(path))
          bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff
          yield* Effect.promise(() => writeFile(path, bytes))
        }),
      )
      const altered = await api.request("GET", `/v1/reports/${h1Report}/pdf`)
      expect(altered.status).toBe(409)
      expect(altered.headers.get("Content-Type")).toContain("application/problem+json")
      expect(await altered.json()).toMatchObject({
        code: "ReportFileAltered",
        reportId: h1Report,
        format: "pdf",
      })
      expect((await api.request("GET", `/v1/reports/${h1Report}/json`)).status).toBe(200)
    },
  )
})
