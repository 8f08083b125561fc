import { ReportJobs } from "@coordina/app"
import { testDatabases } from "@coordina/store/testing"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const options = { worker: "test-worker", leaseSeconds: 30, maxAttempts: 3 }

describe.each(testDatabases())("the attendance annex on $name", (db) => {
  let api: TestApp
  let pid = ""
  let eventId = ""
  const must = async (method: string, path: string, body?: unknown): Promise<Body> => {
    const res = await api.json<Body>(method, path, body)
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    pid = (
      await must("POST", "/v1/projects", {
        code: "ANNEX-1",
        title: "Приложение",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 4 }],
      })
    ).id as string
    const institution = (
      await must("POST", "/v1/institutions", {
        name: "Община Видин",
        kind: "municipality",
        level: "local",
        country: "BG",
      })
    ).id as string
    eventId = (
      await must("POST", "/v1/events", {
        projectId: pid,
        kind: "regional_workshop",
        title: "Семинар Видин",
        startDate: "2018-03-01",
        endDate: "2018-03-02",
        city: "Видин",
      })
    ).id as string
    for (const [givenName, familyName, days] of [
      ["Мария", "Петрова-Иванова", ["2018-03-01", "2018-03-02"]],
      ["Georgi", "Dimitrov", ["2018-03-02"]],
      ["Стоян", "Колев", []],
    ] as const) {
      const person = await must("POST", "/v1/people", { givenName, familyName, institutionId: institution })
      await must("POST", `/v1/events/${eventId}/participations`, {
        personId: person.id,
        role: "participant",
        status: "registered",
      })
      if (days.length > 0)
        await must("PUT", `/v1/events/${eventId}/participations/${person.id}/attendance`, { days })
    }
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "lists each event's participants by initials, institution and days, with no name in any format",
    async () => {
      const queued = await must("POST", `/v1/projects/${pid}/reports`, {
        kind: "attendance_annex",
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
      })
      await api.run(
        Effect.gen(function* () {
          const jobs = yield* ReportJobs
          while (yield* jobs.runNext(options)) {}
        }),
      )
      const content = await must("GET", `/v1/reports/${queued.id}/json`)
      expect(content.attendance).toEqual([
        {
          eventId,
          title: "Семинар Видин",
          startDate: "2018-03-01",
          endDate: "2018-03-02",
          // Sorted by initials in Bulgarian collation: Cyrillic first, then Latin.
          participants: [
            expect.objectContaining({
              line: 1,
              initials: "М. П.-И.",
              institution: "Община Видин",
              days: ["2018-03-01", "2018-03-02"],
            }),
            expect.objectContaining({ line: 2, initials: "С. К.", days: [], status: "registered" }),
            expect.objectContaining({ line: 3, initials: "G. D.", days: ["2018-03-02"] }),
          ],
        },
      ])
      // The PDF's text is read back in @coordina/reports (AttendanceAnnexFormats.test.ts).
      const names = ["Мария", "Петрова", "Georgi", "Dimitrov", "Стоян", "Колев"]
      for (const format of ["json", "csv"]) {
        const text = await (await api.request("GET", `/v1/reports/${queued.id}/${format}`)).text()
        for (const name of names) expect(text, `${format} holds ${name}`).not.toContain(name)
      }
      const book = new ExcelJS.Workbook()
      const xlsx = await api.request("GET", `/v1/reports/${queued.id}/xlsx`)
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
      const cells = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()))
      expect(cells).toContain("М. П.-И.")
      for (const name of names) expect(cells, `xlsx holds ${name}`).not.toContain(name)
      const interim = await must("POST", `/v1/projects/${pid}/reports`, {
        kind: "interim",
        periodStart: "2018-01-01",
        periodEnd: "2018-06-30",
      })
      await api.run(
        Effect.gen(function* () {
          const jobs = yield* ReportJobs
          while (yield* jobs.runNext(options)) {}
        }),
      )
      expect((await must("GET", `/v1/reports/${interim.id}/json`)).attendance).toBeUndefined()
    },
  )
})
