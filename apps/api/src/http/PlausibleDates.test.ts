import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RowCounts, rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Json = Record<string, unknown> & { id: string }
interface Problem {
  status: number
  errors: Array<{ path: string; message: string }>
}

describe.each(testDatabases())("implausible dates on $name", (db) => {
  let api: TestApp
  let tables: ReadonlyArray<string>
  const ids: Record<string, string> = {}
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await api.json<Json>(method, path, body)
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    tables = await api.run(tableNames)
    ids.town = (
      await must("POST", "/v1/institutions", {
        name: "Община Дати",
        kind: "municipality",
        level: "local",
        country: "BG",
        planningRegion: "BG42",
        province: "BG421",
      })
    ).id
    const beneficiary = await must("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: "2019-03-01",
      familyMembers: 0,
      personal: { givenName: "Дата", familyName: "Проверка" },
    })
    ids.beneficiary = beneficiary.id
    ids.agreement = (
      await must("POST", "/v1/agreements", { beneficiaryId: beneficiary.id, intentDate: "2019-03-10" })
    ).id
    const project = await must("POST", "/v1/projects", {
      code: "DATES-1",
      title: "Dates",
      startDate: "2019-01-01",
      durationMonths: 24,
      targets: [],
    })
    ids.event = (
      await must("POST", "/v1/events", {
        projectId: project.id,
        kind: "regional_workshop",
        title: "Workshop",
        startDate: "2019-05-01",
        endDate: "2019-05-02",
        city: "София",
        planningRegion: "BG41",
      })
    ).id
    ids.person = (
      await must("POST", "/v1/people", { givenName: "Иван", familyName: "Датов", institutionId: ids.town })
    ).id
    await must("POST", `/v1/events/${ids.event}/participations`, {
      personId: ids.person,
      role: "participant",
      status: "registered",
    })
  })
  afterAll(() => api?.dispose())

  const refusedWithNothingWritten = async (method: string, path: string, body?: unknown) => {
    const before: RowCounts = await api.run(rowCounts(tables))
    const res = await api.request(method, path, body)
    expect(res.headers.get("Content-Type")).toMatch(/application\/problem\+json/)
    const problem = (await res.json()) as Problem
    expect(await api.run(rowCounts(tables))).toEqual(before)
    // An optional field may report its issue once per member of its union.
    return { status: res.status, paths: [...new Set(problem.errors?.map((e) => e.path))] }
  }

  it.skipIf(!db.available)("refuses them in agreement actions with 400 naming the field", async () => {
    expect(
      await refusedWithNothingWritten("POST", "/v1/agreements", {
        beneficiaryId: ids.beneficiary,
        intentDate: "9999-12-31",
      }),
    ).toEqual({ status: 400, paths: ["intentDate"] })
    const offer = await must("POST", "/v1/municipal-offers", {
      municipalityId: ids.town,
      date: "2019-01-10",
      capacity: 1,
      plannedAreas: ["housing"],
    })
    expect(
      await refusedWithNothingWritten("POST", `/v1/agreements/${ids.agreement}/match`, {
        offerId: offer.id,
        date: "2101-01-01",
      }),
    ).toEqual({ status: 400, paths: ["date"] })
    for (const action of ["conclude", "extend", "terminate", "close"]) {
      const body = { date: "1899-12-31", signedBy: "Кмет", ground: "expiry", initiator: "SAR", reason: "x" }
      const only = Object.fromEntries(
        Object.entries(body).filter(([k]) =>
          ({
            conclude: ["date", "signedBy"],
            extend: ["date"],
            terminate: ["date", "ground", "initiator"],
            close: ["date", "reason"],
          })[action]!.includes(k),
        ),
      )
      expect(
        await refusedWithNothingWritten("POST", `/v1/agreements/${ids.agreement}/${action}`, only),
      ).toEqual({
        status: 400,
        paths: ["date"],
      })
    }
  })

  it.skipIf(!db.available)("refuses them in municipal offers and attendance", async () => {
    expect(
      await refusedWithNothingWritten("POST", "/v1/municipal-offers", {
        municipalityId: ids.town,
        date: "9999-01-01",
        capacity: 1,
        plannedAreas: ["housing"],
      }),
    ).toEqual({ status: 400, paths: ["date"] })
    expect(
      await refusedWithNothingWritten(
        "PUT",
        `/v1/events/${ids.event}/participations/${ids.person}/attendance`,
        {
          days: ["2019-05-01", "9999-05-02"],
        },
      ),
    ).toEqual({ status: 400, paths: ["days.1"] })
  })

  it.skipIf(!db.available)("refuses them as asOf in the query with 400 naming asOf", async () => {
    for (const path of [
      "/v1/agreements?asOf=9999-12-31",
      `/v1/agreements/${ids.agreement}?asOf=1899-01-01`,
      "/v1/tasks?asOf=2101-01-01",
      `/v1/review?asOf=9999-12-31`,
    ])
      expect(await refusedWithNothingWritten("GET", path)).toEqual({ status: 400, paths: ["asOf"] })
    expect((await api.json("GET", "/v1/agreements?asOf=2100-12-31")).status).toBe(200)
  })
})
