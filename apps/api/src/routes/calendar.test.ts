import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

interface Decision {
  id: string
  date: string
  kind: "day_off" | "working_day"
  source: string
  version: number
}

const source = "Council of Ministers Decision No. 100 of 1 Mar 2019 (test)"

describe.each(testDatabases())("calendar decisions API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  const intentDeadline = async () => {
    const ben = await api.json("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: "2019-03-01",
      familyMembers: 0,
      personal: { givenName: "Test", familyName: "Person" },
    })
    const intent = await api.json("POST", "/v1/agreements", {
      beneficiaryId: ben.body.id,
      intentDate: "2019-03-10",
    })
    expect(intent.status).toBe(201)
    return intent.body.intentDeadline
  }

  it.skipIf(!db.available)("lists the shipped decisions with their sources", async () => {
    const listed = await api.json<{ items: Array<Decision>; nextCursor: null }>(
      "GET",
      "/v1/calendar/decisions",
    )
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((d) => d.date)).toContain("2016-03-04")
    expect(listed.body.items.find((d) => d.date === "2016-03-12")).toMatchObject({
      kind: "working_day",
      source: expect.stringMatching(/No\. 935.*State Gazette 94/),
    })
    expect(listed.body.nextCursor).toBeNull()
  })

  it.skipIf(!db.available)(
    "adds, changes and removes a decision with audit entries, and deadlines follow the stored calendar",
    async () => {
      // 1 Mar 2019 + 14 days is Friday 15 Mar, a working day.
      expect(await intentDeadline()).toBe("2019-03-15")
      const created = await api.json<Decision>("POST", "/v1/calendar/decisions", {
        date: "2019-03-15",
        kind: "day_off",
        source,
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ date: "2019-03-15", kind: "day_off", version: 1 })
      expect(await intentDeadline()).toBe("2019-03-18")

      const again = await api.json("POST", "/v1/calendar/decisions", {
        date: "2019-03-15",
        kind: "working_day",
        source,
      })
      expect(again).toMatchObject({
        status: 409,
        body: { code: "CalendarDateTaken", existingId: created.body.id },
      })
      const extra = await api.json("POST", "/v1/calendar/decisions", {
        date: "2019-03-20",
        kind: "day_off",
        source,
        note: "x",
      })
      expect([extra.status, (extra.body.errors as Array<{ path: string }>)[0]?.path]).toEqual([400, "note"])

      const path = `/v1/calendar/decisions/${created.body.id}`
      const change = { date: "2019-03-15", kind: "working_day", source }
      expect((await api.request("PUT", path, change)).status).toBe(428)
      expect((await api.request("PUT", path, change, { "If-Match": "7" })).status).toBe(409)
      const changed = await api.request("PUT", path, change, { "If-Match": "1" })
      expect(changed.status).toBe(200)
      expect(await changed.json()).toMatchObject({ kind: "working_day", version: 2 })
      expect(await intentDeadline()).toBe("2019-03-15")

      const removed = await api.json("DELETE", path)
      expect(removed).toMatchObject({ status: 200, body: { id: created.body.id, removed: true } })
      expect((await api.json("DELETE", path)).status).toBe(404)
      expect((await api.request("PUT", path, change, { "If-Match": "2" })).status).toBe(404)

      const audit = await api.json<{ items: Array<{ action: string }> }>(
        "GET",
        `/v1/audit?entity=calendar_decision:${created.body.id}`,
      )
      expect(audit.body.items.map((e) => e.action)).toEqual(["create", "update", "delete"])
    },
  )
})
