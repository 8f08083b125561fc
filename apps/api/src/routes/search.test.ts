import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Hit = { kind: string; id: string; label: string; detail?: string }

describe.each(testDatabases())("the search box and the beneficiaries list on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "finds a Cyrillic name from Latin input, an institution and a pseudonym",
    async () => {
      const created = await api.json<{ id: string; pseudonym: string }>("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate: "2019-03-01",
        familyMembers: 0,
        personal: { givenName: "Фатима", familyName: "Юсуф" },
      })
      expect(created.status).toBe(201)
      const town = await api.json("POST", "/v1/institutions", {
        name: "Община Юсуфово",
        kind: "municipality",
        level: "local",
        country: "BG",
        planningRegion: "BG42",
        province: "BG421",
      })
      expect(town.status).toBe(201)
      const found = await api.json<{ items: Array<Hit> }>("GET", "/v1/search?q=fatima%20yusuf")
      expect(found.status).toBe(200)
      expect(found.body.items.filter((h) => h.kind === "beneficiary")).toEqual([
        { kind: "beneficiary", id: created.body.id, label: created.body.pseudonym, detail: "Фатима Юсуф" },
      ])
      const place = await api.json<{ items: Array<Hit> }>("GET", "/v1/search?q=yusufovo")
      expect(place.body.items.map((h) => [h.kind, h.label])).toEqual([["institution", "Община Юсуфово"]])
      const byPseudonym = await api.json<{ items: Array<Hit> }>(
        "GET",
        `/v1/search?q=${created.body.pseudonym.toLowerCase()}`,
      )
      expect(byPseudonym.body.items.map((h) => h.id)).toContain(created.body.id)
      const list = await api.json<{ items: Array<{ id: string; allowedActions: Array<string> }> }>(
        "GET",
        "/v1/beneficiaries?q=yusuf",
      )
      expect(list.body.items).toMatchObject([{ id: created.body.id, allowedActions: ["declare_intent"] }])
      const audit = await api.json<{ items: Array<{ action: string }> }>(
        "GET",
        `/v1/audit?entity=beneficiary:${created.body.id}&action=read_personal&order=newest`,
      )
      // the name search, the pseudonym search and the list each showed the name
      expect(audit.body.items).toHaveLength(3)
    },
  )

  it.skipIf(!db.available)("answers a blank or oversized query with a problem naming q", async () => {
    for (const q of ["", "%20%20", "x".repeat(201)]) {
      const res = await api.json<{ errors?: Array<{ path: string }> }>("GET", `/v1/search?q=${q}`)
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toContain("q")
    }
  })
})
