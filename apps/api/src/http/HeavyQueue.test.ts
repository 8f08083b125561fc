import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { csvOfValidRows } from "../testing/HostileSheets.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"
import { isHeavy, makeHeavyQueue } from "./HeavyQueue.js"

describe("heavy request queue", () => {
  it("runs up to its concurrency, queues up to its length in order, and refuses past that", async () => {
    const queue = makeHeavyQueue({ concurrency: 2, queue: 2 })
    const a = await queue.admit()!
    const b = await queue.admit()!
    const order: Array<string> = []
    const c = queue.admit()!.then((release) => {
      order.push("c")
      return release
    })
    const d = queue.admit()!.then((release) => {
      order.push("d")
      return release
    })
    expect(queue.admit()).toBeUndefined()
    expect(queue.state()).toEqual({ running: 2, waiting: 2 })
    a()
    a() // giving a slot back twice frees it once
    const releaseC = await c
    expect(order).toEqual(["c"])
    expect(queue.state()).toEqual({ running: 2, waiting: 1 })
    b()
    const releaseD = await d
    expect(order).toEqual(["c", "d"])
    releaseC()
    releaseD()
    expect(queue.state()).toEqual({ running: 0, waiting: 0 })
    expect(queue.admit()).toBeDefined()
  })

  it("counts sheet imports, personal-data exports, report downloads and evidence files as heavy, nothing else", () => {
    expect(isHeavy("POST", "/v1/events/evt_1/sign-in-sheet")).toBe(true)
    expect(isHeavy("GET", "/v1/people/per_1/export")).toBe(true)
    expect(isHeavy("GET", "/v1/beneficiaries/ben_1/export")).toBe(true)
    expect(isHeavy("GET", "/v1/reports/rep_1/download")).toBe(true)
    expect(isHeavy("POST", "/v1/events/evt_1/evidence")).toBe(true)
    expect(isHeavy("POST", "/v1/activities/act_1/evidence")).toBe(true)
    expect(isHeavy("GET", "/v1/evidence/evd_1")).toBe(true)
    expect(isHeavy("GET", "/v1/events/evt_1/evidence")).toBe(false)
    expect(isHeavy("GET", "/v1/people/per_1")).toBe(false)
    expect(isHeavy("GET", "/v1/events/evt_1/sign-in-sheet")).toBe(false)
    expect(isHeavy("GET", "/health")).toBe(false)
  })
})

describe.each(testDatabases())("heavy requests over HTTP on $name", (db) => {
  let api: TestApp
  let eventId: string
  let institutionId: string
  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db, { heavyConcurrency: 1, heavyQueue: 1 })
    const project = await api.json("POST", "/v1/projects", {
      code: "HEAVY-1",
      title: "Heavy",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 5 }],
    })
    institutionId = (
      await api.json("POST", "/v1/institutions", {
        name: "Фондация Пример",
        kind: "ngo",
        level: "central",
        country: "BG",
        planningRegion: "BG41",
        province: "BG411",
      })
    ).body.id as string
    eventId = (
      await api.json("POST", "/v1/events", {
        projectId: project.body.id,
        city: "София",
        planningRegion: "BG41",
        kind: "regional_workshop",
        title: "Workshop",
        startDate: "2018-03-01",
        endDate: "2018-03-01",
      })
    ).body.id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "runs one import, queues one, and answers 503 with Retry-After past that",
    async () => {
      const sheet = csvOfValidRows(0.3, institutionId)
      const upload = () =>
        api.request("POST", `/v1/events/${eventId}/sign-in-sheet?dryRun=true`, sheet, {
          "Content-Type": "text/csv",
        })
      const answers = await Promise.all([upload(), upload(), upload(), upload()])
      const statuses = answers.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 200, 503, 503])
      const refused = answers.find((r) => r.status === 503)!
      expect(refused.headers.get("Retry-After")).toBe("5")
      expect(refused.headers.get("Content-Type")).toMatch(/problem\+json/)
      // Once the line is free again, imports are taken as before.
      expect((await upload()).status).toBe(200)
    },
  )
})
