import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RowCounts, rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Json = Record<string, unknown> & { id: string }

describe.each(testDatabases())("extensions on $name", (db) => {
  let api: TestApp
  let tables: ReadonlyArray<string>
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await api.json<Json>(method, path, body)
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const counts = (): Promise<RowCounts> => api.run(rowCounts(tables))
  let projects = 0
  const project = (startDate = "2100-12-31", durationMonths = 240) =>
    must("POST", "/v1/projects", {
      code: `EXT-${projects++}`,
      title: "Extended",
      startDate,
      durationMonths,
      targets: [],
    })
  const extend = (id: string, months: number) =>
    api.json<Json>("POST", `/v1/projects/${id}/extensions`, { months, reason: "delay" })

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    tables = await api.run(tableNames)
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "lets a project's extensions add ten years at most, then refuses with 422 and writes nothing",
    async () => {
      const p = await project()
      expect((await extend(p.id, 60)).status).toBe(201)
      const full = await extend(p.id, 60)
      expect([full.status, full.body.endDate]).toEqual([201, "2130-12-30"])
      const before = await counts()
      const refused = await extend(p.id, 1)
      expect(refused.status).toBe(422)
      expect(refused.body).toMatchObject({
        code: "ProjectExtensionsExceeded",
        maxTotalExtensionMonths: 120,
        extendedMonths: 120,
        requestedMonths: 1,
      })
      expect(await counts()).toEqual(before)
      const after = await must("GET", `/v1/projects/${p.id}`)
      expect([after.version, after.endDate, (after.extensions as Array<unknown>).length]).toEqual([
        3,
        "2130-12-30",
        2,
      ])
    },
  )

  it.skipIf(!db.available)("refuses an extension of 2^31 months with 400, not 500", async () => {
    const p = await project("2018-01-01", 12)
    const before = await counts()
    const huge = await extend(p.id, 2 ** 31)
    expect([huge.status, (huge.body.errors as Array<{ path: string }>)[0]?.path]).toEqual([400, "months"])
    expect(await counts()).toEqual(before)
  })

  it.skipIf(!db.available)(
    "counts parallel extensions against the cap: two of three 60-month ones",
    async () => {
      const p = await project("2018-01-01", 12)
      const answers = await Promise.all([1, 2, 3].map(() => extend(p.id, 60)))
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 422])
      const after = await must("GET", `/v1/projects/${p.id}`)
      expect([after.version, (after.extensions as Array<unknown>).length, after.endDate]).toEqual([
        3,
        2,
        "2028-12-31",
      ])
    },
  )

  it.skipIf(!db.available)(
    "extends an agreement once, as its ordinance allows, and then refuses with 409 writing nothing",
    async () => {
      const town = await must("POST", "/v1/institutions", {
        name: "Община Удължение",
        kind: "municipality",
        level: "local",
        country: "BG",
        planningRegion: "BG42",
        province: "BG421",
      })
      const beneficiary = await must("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate: "2019-03-01",
        familyMembers: 0,
        personal: { givenName: "Късна", familyName: "Дата" },
      })
      const a = await must("POST", "/v1/agreements", {
        beneficiaryId: beneficiary.id,
        intentDate: "2019-03-10",
      })
      const offer = await must("POST", "/v1/municipal-offers", {
        municipalityId: town.id,
        date: "2019-01-10",
        capacity: 1,
        plannedAreas: ["housing"],
      })
      await must("POST", `/v1/agreements/${a.id}/match`, { offerId: offer.id, date: "2019-03-20" })
      const concluded = await must("POST", `/v1/agreements/${a.id}/conclude`, {
        date: "2019-04-01",
        signedBy: "Кмет",
      })
      expect(concluded.endDate).toBe("2020-03-31")
      const extended = await must("POST", `/v1/agreements/${a.id}/extend`, { date: "2020-03-01" })
      expect(extended.endDate).toBe("2021-03-31")
      const before = await counts()
      const again = await api.json<Json>("POST", `/v1/agreements/${a.id}/extend`, { date: "2020-03-02" })
      expect([again.status, again.body.code]).toEqual([409, "ExtensionLimitReached"])
      expect(await counts()).toEqual(before)
      expect((await must("GET", `/v1/agreements/${a.id}`)).version).toBe(extended.version)
    },
  )
})
