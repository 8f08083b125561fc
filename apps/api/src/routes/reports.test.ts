import { ReportJobs } from "@coordina/app"
import { testDatabases } from "@coordina/store/testing"
import ExcelJS from "exceljs"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const options = { worker: "test-worker", leaseSeconds: 30, maxAttempts: 3 }

describe.each(testDatabases())("funder reports API on $name", (db) => {
  let api: TestApp
  let pid = ""
  let eventId = ""
  let people: Array<string> = []
  const must = async (method: string, path: string, body?: unknown): Promise<Body> => {
    const res = await api.json<Body>(method, path, body)
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  /** What the worker does: claim and generate until the queue is empty. */
  const work = () =>
    api.runtime.runPromise(
      Effect.gen(function* () {
        const jobs = yield* ReportJobs
        let n = 0
        while (yield* jobs.runNext(options)) n++
        return n
      }),
    )
  const attend = async (personId: string, day: string) => {
    await must("POST", `/v1/events/${eventId}/participations`, {
      personId,
      role: "participant",
      status: "registered",
    })
    await must("PUT", `/v1/events/${eventId}/participations/${personId}/attendance`, { days: [day] })
  }

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await must("POST", "/v1/projects", {
      code: "REPORTS-1",
      title: "Подобряване на координационния механизъм",
      funder: "AMIF",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [
        { indicator: "direct", value: 4, breakdown: { byInstitutionKind: { municipality: 2 } } },
        { indicator: "total", value: 10 },
      ],
    })
    pid = project.id as string
    const m1 = (
      await must("POST", "/v1/institutions", {
        name: "Община Русе",
        kind: "municipality",
        level: "local",
        country: "BG",
      })
    ).id as string
    const event = await must("POST", "/v1/events", {
      projectId: pid,
      kind: "regional_workshop",
      title: "Регионален семинар Русе",
      startDate: "2018-03-01",
      endDate: "2018-03-01",
      city: "Русе",
    })
    eventId = event.id as string
    people = []
    for (const name of ["Мария", "Иван", "Петър"])
      people.push(
        (await must("POST", "/v1/people", { givenName: name, familyName: "Тестова", institutionId: m1 }))
          .id as string,
      )
    await attend(people[0]!, "2018-03-01")
    await attend(people[1]!, "2018-03-01")
    await must("POST", `/v1/projects/${pid}/activities`, {
      code: "A2",
      title: "Шест регионални семинара",
      plannedStart: "2018-02-01",
      plannedEnd: "2018-11-30",
      status: "in_progress",
      deliverables: [],
    })
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "queues with 202, the worker's service makes it ready, and every format downloads; reach equals the reach endpoint's",
    async () => {
      const queued = await api.json<Body>("POST", `/v1/projects/${pid}/reports`, {
        kind: "interim",
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
        language: "bg",
      })
      expect(queued.status).toBe(202)
      expect(queued.body).toMatchObject({
        projectId: pid,
        kind: "interim",
        version: 1,
        status: "queued",
        progress: { percent: 0 },
        allowedActions: [],
      })
      const id = queued.body.id as string
      const early = await api.request("GET", `/v1/reports/${id}/pdf`)
      expect(early.status).toBe(409)
      expect(await early.json()).toMatchObject({
        code: "ReportNotReady",
        status: 409,
        currentStatus: "queued",
      })

      expect(await work()).toBe(1)
      const ready = await must("GET", `/v1/reports/${id}`)
      expect(ready).toMatchObject({ status: "ready", version: 1, progress: { percent: 100 }, changes: [] })
      expect(ready.formats).toEqual(["json", "xlsx", "pdf", "csv"])
      // The server offers what the caller may do now; the web app shows it instead of deciding.
      expect(ready.allowedActions).toEqual(["submit"])

      const json = await must("GET", `/v1/reports/${id}/json`)
      const reach = await must("GET", `/v1/projects/${pid}/reach?asOf=2018-06-30`)
      expect((json.reach as Body).asOfEnd).toEqual(reach)
      expect((json.reach as Body).newInPeriod).toEqual({ direct: 2, indirect: 0, total: 2 })
      expect(json.institutionsSupported).toEqual({
        total: 1,
        byKind: { municipality: 1 },
        byLevel: { local: 1 },
        newInPeriod: 1,
      })
      expect(json.events).toMatchObject([
        { id: eventId, registered: 2, attended: 2, persons: 2, newPersons: 2 },
      ])
      expect((json.activities as Array<Body>).map((a) => a.code)).toEqual(["A2"])

      for (const [format, type] of [
        ["pdf", "application/pdf"],
        ["csv", "text/csv; charset=utf-8"],
        ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ] as const) {
        const res = await api.request("GET", `/v1/reports/${id}/${format}`)
        expect(res.status, format).toBe(200)
        expect(res.headers.get("Content-Type")).toBe(type)
        const bytes = new Uint8Array(await res.arrayBuffer())
        expect(bytes.length).toBe(Number(res.headers.get("Content-Length")))
        const file = (ready.files as Array<Body>).find((f) => f.format === format)!
        const digest = Buffer.from(await crypto.subtle.digest("SHA-256", bytes)).toString("hex")
        expect(digest).toBe(file.sha256)
        if (format === "pdf") expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-")
        if (format === "xlsx") {
          const book = new ExcelJS.Workbook()
          await book.xlsx.load(Buffer.from(bytes) as never)
          expect(book.worksheets.map((s) => s.name)).toContain("Индикатори")
        }
      }
      expect((await api.request("GET", `/v1/reports/${id}/docx`)).status).toBe(400)
      expect((await api.request("GET", "/v1/reports/rpt_none")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "makes a new version only when the content changed, and lists what changed",
    async () => {
      const ask = () =>
        must("POST", `/v1/projects/${pid}/reports`, {
          kind: "reach_annex",
          periodStart: "2018-01-01",
          periodEnd: "2018-03-31",
        })
      const first = await ask()
      await work()
      const again = await ask()
      expect(again.version).toBe(2)
      await work()
      const same = await must("GET", `/v1/reports/${again.id}`)
      expect(same).toMatchObject({ status: "ready", version: 1, sameAs: first.id, changes: [] })
      expect(same.files).toEqual((await must("GET", `/v1/reports/${first.id}`)).files)

      await attend(people[2]!, "2018-03-01")
      const changed = await ask()
      await work()
      const v2 = await must("GET", `/v1/reports/${changed.id}`)
      expect(v2).toMatchObject({ status: "ready", version: 2 })
      const paths = (v2.changes as Array<{ path: string; before?: unknown; after?: unknown }>).map(
        (c) => c.path,
      )
      expect(paths).toContain("reach.asOfEnd.direct.total")
      expect(v2.changes).toContainEqual({ path: "reach.asOfEnd.direct.total", before: "2", after: "3" })

      const listed = await must("GET", `/v1/projects/${pid}/reports`)
      const annex = (listed.items as Array<Body>).find((g) => g.kind === "reach_annex")!
      expect((annex.versions as Array<Body>).map((v) => v.id)).toEqual([changed.id, again.id, first.id])
    },
  )

  it.skipIf(!db.available)(
    "refuses bad periods and kinds with 422 or 400 and the failing path, queueing nothing",
    async () => {
      const before = ((await must("GET", `/v1/projects/${pid}/reports`)).items as Array<Body>).length
      const backwards = await api.json<Body>("POST", `/v1/projects/${pid}/reports`, {
        kind: "interim",
        periodStart: "2018-12-31",
        periodEnd: "2018-04-01",
      })
      expect(backwards.status).toBe(422)
      expect(backwards.body).toMatchObject({ code: "ReportRequestInvalid", errors: [{ path: "periodEnd" }] })
      const outside = await api.json<Body>("POST", `/v1/projects/${pid}/reports`, {
        kind: "interim",
        periodStart: "2017-06-01",
        periodEnd: "2018-04-01",
      })
      expect(outside.status).toBe(422)
      expect(outside.body).toMatchObject({ errors: [{ path: "periodStart" }] })
      const missing = await api.json<Body>("POST", `/v1/projects/${pid}/reports`, { kind: "interim" })
      expect(missing.status).toBe(422)
      const unknown = await api.json<Body>("POST", `/v1/projects/${pid}/reports`, {
        kind: "monthly",
        periodStart: "2018-01-01",
        periodEnd: "2018-02-01",
      })
      expect(unknown.status).toBe(400)
      expect(JSON.stringify(unknown.body)).toContain("kind")
      expect((await api.json("POST", "/v1/projects/prj_none/reports", { kind: "final" })).status).toBe(404)
      expect(((await must("GET", `/v1/projects/${pid}/reports`)).items as Array<Body>).length).toBe(before)
    },
  )

  it.skipIf(!db.available)(
    "keeps schedules, and refuses a bad cron expression or zone naming it",
    async () => {
      const good = await api.json<Body>("PUT", `/v1/projects/${pid}/report-schedules`, {
        schedules: [{ kind: "interim", cron: "0 6 1 1,7 *", period: "previous_half_year" }],
      })
      expect(good.status).toBe(200)
      expect(good.body).toEqual({
        schedules: [
          { kind: "interim", cron: "0 6 1 1,7 *", timeZone: "Europe/Sofia", period: "previous_half_year" },
        ],
      })
      const badCron = await api.json<Body>("PUT", `/v1/projects/${pid}/report-schedules`, {
        schedules: [
          { kind: "interim", cron: "0 6 1 1,7 *", period: "previous_quarter" },
          { kind: "interim", cron: "61 6 * * *", period: "previous_quarter" },
        ],
      })
      expect(badCron.status).toBe(422)
      expect(badCron.body).toMatchObject({ errors: [{ path: "schedules.1.cron" }] })
      const badZone = await api.json<Body>("PUT", `/v1/projects/${pid}/report-schedules`, {
        schedules: [
          { kind: "interim", cron: "0 6 1 * *", timeZone: "Europe/Nowhere", period: "previous_months:6" },
        ],
      })
      expect(badZone.status).toBe(422)
      expect(badZone.body).toMatchObject({ errors: [{ path: "schedules.0.timeZone" }] })
      const badRule = await api.json<Body>("PUT", `/v1/projects/${pid}/report-schedules`, {
        schedules: [{ kind: "interim", cron: "0 6 1 * *", period: "previous_months:99" }],
      })
      expect(badRule.status).toBe(400)
      expect((await must("GET", `/v1/projects/${pid}/report-schedules`)).schedules).toEqual(
        good.body.schedules,
      )
    },
  )
})
