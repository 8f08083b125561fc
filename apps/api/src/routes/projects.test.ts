import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const flagship = {
  code: "COORD-MECH-2017",
  title: "Improvement of the coordination mechanism",
  funder: "AMIF",
  startDate: "2017-12-01",
  durationMonths: 16,
  targets: [
    { indicator: "direct", value: 270 },
    { indicator: "indirect", value: 430 },
    { indicator: "total", value: 700 },
  ],
}

describe.each(testDatabases())("projects API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "creates the flagship project, ending 31 Mar 2019, and extends it to 30 Sep 2019",
    async () => {
      const created = await api.json("POST", "/v1/projects", flagship)
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ code: "COORD-MECH-2017", endDate: "2019-03-31", version: 1 })
      const id = created.body.id as string
      const extended = await api.json("POST", `/v1/projects/${id}/extensions`, {
        months: 6,
        reason: "COVID-19",
      })
      expect(extended.status).toBe(201)
      expect(extended.body).toMatchObject({
        endDate: "2019-09-30",
        extensions: [{ months: 6, reason: "COVID-19" }],
      })
      const read = await api.json("GET", `/v1/projects/${id}`)
      expect(read.body.endDate).toBe("2019-09-30")
    },
  )

  it.skipIf(!db.available)("lists projects with a cursor", async () => {
    for (const code of ["L-1", "L-2", "L-3"]) await api.json("POST", "/v1/projects", { ...flagship, code })
    const first = await api.json<{ items: Array<{ code: string }>; nextCursor: string }>(
      "GET",
      "/v1/projects?limit=2",
    )
    expect(first.body.items).toHaveLength(2)
    const rest = await api.json<{ items: Array<{ code: string }>; nextCursor: string | null }>(
      "GET",
      `/v1/projects?limit=500&cursor=${first.body.nextCursor}`,
    )
    expect([...first.body.items, ...rest.body.items].map((p) => p.code)).toContain("L-3")
    expect(rest.body.nextCursor).toBeNull()
  })

  it.skipIf(!db.available)(
    "answers a wrong type with 400 and the failing path, and stores nothing",
    async () => {
      const res = await api.request("POST", "/v1/projects", {
        ...flagship,
        code: "BAD",
        durationMonths: "sixteen",
      })
      expect(res.status).toBe(400)
      expect(res.headers.get("content-type")).toContain("application/problem+json")
      const problem = (await res.json()) as { errors: Array<{ path: string }> }
      expect(problem).toMatchObject({ status: 400, title: "Bad Request" })
      expect(problem.errors.map((e) => e.path)).toContain("durationMonths")
      const nested = await api.json<{ errors: Array<{ path: string }> }>("POST", "/v1/projects", {
        ...flagship,
        targets: [{ indicator: "direct", value: -1 }],
      })
      expect(nested.body.errors.map((e) => e.path)).toContain("targets.0.value")
      const list = await api.json<{ items: Array<{ code: string }> }>("GET", "/v1/projects?limit=500")
      expect(list.body.items.map((p) => p.code)).not.toContain("BAD")
    },
  )

  it.skipIf(!db.available)("answers malformed JSON with 400 problem+json", async () => {
    const res = await api.request("POST", "/v1/projects", "{ not json")
    expect(res.status).toBe(400)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
  })

  it.skipIf(!db.available)("answers a duplicate code with 409 and the existing id", async () => {
    const first = await api.json("POST", "/v1/projects", { ...flagship, code: "DUP" })
    const second = await api.json("POST", "/v1/projects", { ...flagship, code: "DUP" })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ status: 409, existingId: first.body.id })
  })

  it.skipIf(!db.available)("answers an unknown project with 404 problem+json", async () => {
    const res = await api.json("GET", "/v1/projects/prj_nope")
    expect(res).toMatchObject({ status: 404, body: { status: 404, projectId: "prj_nope" } })
  })
})
