import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

interface Problem {
  status: number
  type: string
  errors: Array<{ path: string; message: string }>
}

const nul = String.fromCharCode(0)

describe.each(testDatabases())("the input gate on $name", (db) => {
  let api: TestApp
  let institutionId: string
  const count = async (path: string) =>
    ((await api.json<{ items: Array<unknown> }>("GET", path)).body.items ?? []).length

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const created = await api.json("POST", "/v1/institutions", {
      name: "Столична община",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    institutionId = created.body.id as string
  })
  afterAll(() => api?.dispose())

  const refused = async (method: string, path: string, body?: unknown) => {
    const res = await api.request(method, path, body)
    expect(res.headers.get("Content-Type")).toMatch(/application\/problem\+json/)
    return { status: res.status, body: (await res.json()) as Problem }
  }

  it.skipIf(!db.available)(
    "refuses U+0000 in a body field with 400 naming the field, and stores nothing",
    async () => {
      const before = await count("/v1/people")
      const r = await refused("POST", "/v1/people", {
        givenName: `Мария${nul}`,
        familyName: "Петрова",
        institutionId,
      })
      expect(r.status).toBe(400)
      expect(r.body.errors).toEqual([{ path: "givenName", message: expect.stringMatching(/U\+0000/) }])
      const nested = await refused("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate: "2019-03-01",
        familyMembers: 0,
        personal: { givenName: "A", familyName: `B${nul}` },
      })
      expect([nested.status, nested.body.errors[0]?.path]).toEqual([400, "personal.familyName"])
      expect(await count("/v1/people")).toBe(before)
    },
  )

  it.skipIf(!db.available)("refuses lone surrogates in a body, where only JSON can carry them", async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which the server reads back as one.
    const r = await refused("POST", "/v1/institutions", {
      name: "Община \ud800",
      kind: "ngo",
      level: "local",
      country: "BG",
    })
    expect([r.status, r.body.errors[0]?.path]).toEqual([400, "name"])
    expect(r.body.errors[0]?.message).toMatch(/lone surrogate/)
    const low = await refused("POST", "/v1/people", { givenName: "\udc00x", familyName: "P", institutionId })
    expect([low.status, low.body.errors[0]?.path]).toEqual([400, "givenName"])
    // A real pair (an emoji) is a character and is kept.
    const ok = await api.json("POST", "/v1/people", {
      givenName: "Ива 😀",
      familyName: "Петрова",
      institutionId,
    })
    expect(ok.status).toBe(201)
  })

  it.skipIf(!db.available)(
    "refuses U+0000 in a path id with 400 naming the parameter, not 404 or 500",
    async () => {
      for (const path of ["/v1/people/per%00x", "/v1/beneficiaries/%00", "/v1/agreements/agr%00/events"]) {
        const r = await refused("GET", path)
        expect([path, r.status, r.body.errors[0]?.path]).toEqual([path, 400, "id"])
      }
      // A route that reads its id without a validator is behind the same gate.
      const task = await refused("POST", "/v1/tasks/t%00/accept", { date: "2019-01-01" })
      expect([task.status, task.body.errors[0]?.path]).toEqual([400, "id"])
    },
  )

  it.skipIf(!db.available)("refuses U+0000 in a query value with 400 naming the parameter", async () => {
    for (const path of ["/v1/people?q=a%00b", "/v1/institutions?q=%00", "/v1/audit?entity=person%3A%00"]) {
      const r = await refused("GET", path)
      expect([path, r.status, r.body.errors[0]?.path]).toEqual([
        path,
        400,
        path.slice(path.indexOf("?") + 1).split("=")[0],
      ])
    }
  })

  it.skipIf(!db.available)("refuses a field the OpenAPI document does not list, naming it", async () => {
    const r = await refused("POST", "/v1/people", {
      givenName: "A",
      familyName: "B",
      institutionId,
      nickname: "x",
    })
    expect([r.status, r.body.errors[0]?.path]).toEqual([400, "nickname"])
    const deep = await refused("POST", "/v1/projects", {
      code: "X-1",
      title: "X",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 1, weight: 2 }],
    })
    expect([deep.status, deep.body.errors[0]?.path]).toEqual([400, "targets.0.weight"])
  })

  it.skipIf(!db.available)(
    "keeps numbers in their domain ranges: an extension of 2^31 months is a 400",
    async () => {
      const project = await api.json("POST", "/v1/projects", {
        code: "RANGE-1",
        title: "Ranges",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 10 }],
      })
      for (const months of [2 ** 31, 61, 0]) {
        const r = await refused("POST", `/v1/projects/${project.body.id}/extensions`, { months, reason: "x" })
        expect([months, r.status, r.body.errors[0]?.path]).toEqual([months, 400, "months"])
      }
      const ok = await api.json("POST", `/v1/projects/${project.body.id}/extensions`, {
        months: 60,
        reason: "x",
      })
      expect(ok.status).toBe(201)
      const huge = await refused("POST", "/v1/projects", {
        code: "RANGE-2",
        title: "Ranges",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 2 ** 31 }],
      })
      expect([huge.status, huge.body.errors[0]?.path]).toEqual([400, "targets.0.value"])
    },
  )

  it.skipIf(!db.available)("keeps dates plausible and in order", async () => {
    const beneficiary = (statusDecisionDate: string, birthDate?: string) =>
      refused("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate,
        familyMembers: 0,
        personal: { givenName: "A", familyName: "B", ...(birthDate ? { birthDate } : {}) },
      })
    const far = await beneficiary("2019-03-01", "9999-12-31")
    expect([far.status, far.body.errors[0]?.path]).toEqual([400, "personal.birthDate"])
    const old = await beneficiary("2019-03-01", "1899-12-31")
    expect(old.status).toBe(400)
    const future = await beneficiary("2019-03-01", "2099-01-01")
    expect([future.status, (future.body as unknown as { path: string }).path]).toEqual([
      422,
      "personal.birthDate",
    ])
    const unborn = await beneficiary("1989-01-01", "1990-05-05")
    expect([unborn.status, (unborn.body as unknown as { code: string }).code]).toEqual([
      422,
      "ImplausibleDate",
    ])
    const project = await refused("POST", "/v1/projects", {
      code: "DATE-1",
      title: "Dates",
      startDate: "9999-01-01",
      durationMonths: 12,
      targets: [],
    })
    expect([project.status, project.body.errors[0]?.path]).toEqual([400, "startDate"])
  })
})
