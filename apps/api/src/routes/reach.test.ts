import { testDatabases } from "@coordina/store/testing"
import { parse } from "csv-parse/sync"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>
/** Test answers are read loosely: these name the shape a member is expected to have. */
const list = (v: unknown) => v as ReadonlyArray<Body>
const obj = (v: unknown) => v as Body

/**
 * shared/checks/contract_smoke.py's reach part, through the API. The two sign-in sheets are
 * replaced by what they amount to: people, participations and attended days.
 */
const smoke = async (api: TestApp) => {
  const must = async (method: string, path: string, body?: unknown): Promise<Body> => {
    const res = await api.json<Body>(method, path, body)
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const project = await must("POST", "/v1/projects", {
    code: `SMOKE-${Math.random().toString(36).slice(2, 8)}`,
    title: "Smoke project",
    funder: "AMIF",
    startDate: "2018-01-01",
    durationMonths: 12,
    targets: [
      { indicator: "direct", value: 5 },
      { indicator: "indirect", value: 10 },
      { indicator: "total", value: 15 },
    ],
  })
  const pid = project.id as string
  const inst = async (body: Body) => (await must("POST", "/v1/institutions", body)).id as string
  const m1 = await inst({
    name: "Столична община",
    kind: "municipality",
    level: "local",
    country: "BG",
    planningRegion: "BG41",
    province: "BG411",
  })
  const n1 = await inst({
    name: "Фондация Пример",
    kind: "ngo",
    level: "central",
    country: "BG",
    planningRegion: "BG41",
    province: "BG411",
  })
  const f1 = await inst({
    name: "Integrationsamt Beispiel",
    kind: "state_authority",
    level: "central",
    country: "DE",
  })
  const event = async (kind: string, startDate: string, endDate: string) =>
    (
      await must("POST", "/v1/events", {
        projectId: pid,
        kind,
        title: kind,
        startDate,
        endDate,
        city: "София",
        planningRegion: "BG41",
      })
    ).id as string
  const e1 = await event("regional_workshop", "2018-03-01", "2018-03-01")
  const e2 = await event("training_seminar", "2018-05-10", "2018-05-11")
  const person = async (body: Body) => (await must("POST", "/v1/people", body)).id as string
  const attend = async (
    eventId: string,
    personId: string,
    role: string,
    days: Array<string>,
    institutionId?: string,
  ) => {
    await must("POST", `/v1/events/${eventId}/participations`, {
      personId,
      role,
      status: "registered",
      ...(institutionId ? { institutionId } : {}),
    })
    await must("PUT", `/v1/events/${eventId}/participations/${personId}/attendance`, { days })
  }
  const maria = await person({
    givenName: "Мария",
    familyName: "Петрова",
    email: "maria@example.bg",
    gender: "female",
    institutionId: m1,
  })
  const ivan = await person({ givenName: "Иван", familyName: "Иванов", gender: "male", institutionId: m1 })
  const hans = await person({
    givenName: "Hans",
    familyName: "Müller",
    email: "hans@example.de",
    gender: "male",
    institutionId: f1,
  })
  const georgi = await person({
    givenName: "Георги",
    familyName: "Димитров",
    gender: "male",
    institutionId: n1,
  })
  await attend(e1, maria, "participant", ["2018-03-01"])
  await attend(e1, ivan, "participant", ["2018-03-01"])
  await attend(e1, hans, "participant", ["2018-03-01"])
  await attend(e1, georgi, "speaker", ["2018-03-01"])
  const elenaNgo = await person({
    givenName: "Елена",
    familyName: "Стоянова-Кирова",
    email: "elena@example.bg",
    gender: "female",
    institutionId: n1,
  })
  const elenaMun = await person({ givenName: "Elena", familyName: "Stoyanova Kirova", institutionId: m1 })
  await attend(e2, maria, "participant", ["2018-05-10"], m1)
  await attend(e2, ivan, "participant", ["2018-05-10", "2018-05-11"], m1)
  await attend(e2, georgi, "participant", ["2018-05-11"], n1)
  await attend(e2, elenaNgo, "participant", ["2018-05-10", "2018-05-11"])
  await attend(e2, elenaMun, "participant", ["2018-05-10", "2018-05-11"])
  const dup = await api.json<Body>("POST", "/v1/people", {
    givenName: "Maria",
    familyName: "P.",
    email: "MARIA@example.bg ",
    institutionId: m1,
  })
  const hansAgain = await api.json<Body>("POST", "/v1/people", {
    givenName: "Hans",
    familyName: "Müller",
    email: "hans@example.de",
    institutionId: f1,
  })
  const petar = await person({
    givenName: "Петър",
    familyName: "Николов",
    email: "petar@example.bg",
    gender: "male",
    institutionId: n1,
  })
  await must("POST", "/v1/dissemination-activities", {
    projectId: pid,
    kind: "manual_distribution",
    date: "2018-06-01",
    title: "Manual",
    namedPersonIds: [dup.body.existingId, hansAgain.body.existingId, petar],
    additionalCount: 7,
    method: "counted",
  })
  await must("POST", "/v1/dissemination-activities", {
    projectId: pid,
    kind: "media",
    date: "2018-07-01",
    title: "Radio",
    namedPersonIds: [],
    additionalCount: 3,
    method: "estimated",
  })
  return { pid, m1, n1, e1, e2, maria, ivan, hans, georgi, elenaNgo, elenaMun, petar, dup, hansAgain, must }
}

describe.each(testDatabases())("reach API on $name", (db) => {
  let api: TestApp
  let s: Awaited<ReturnType<typeof smoke>>
  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    s = await smoke(api)
  }, 120_000)
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)("gives contract_smoke.py's reach figures", async () => {
    expect(s.dup).toMatchObject({ status: 409, body: { existingId: s.maria } })
    expect(s.hansAgain).toMatchObject({ status: 409, body: { existingId: s.hans } })
    const r = await s.must("GET", `/v1/projects/${s.pid}/reach?asOf=2018-12-31`)
    expect(r.direct).toEqual({
      total: 5,
      byInstitutionKind: { municipality: 3, ngo: 2 },
      byLevel: { local: 3, central: 2 },
      byPlanningRegion: { BG41: 5 },
      byGender: { female: 2, male: 2, unknown: 1 },
      byEventKind: { regional_workshop: 2, training_seminar: 3 },
    })
    expect(r.indirect).toEqual({ total: 11, named: 1, unnamedCounted: 7, unnamedEstimated: 3 })
    expect(r.total).toBe(16)
    expect(list(r.targets).map((t: Body) => [t.indicator, t.status])).toEqual([
      ["direct", "met"],
      ["indirect", "met"],
      ["total", "met"],
    ])
    const early = await s.must("GET", `/v1/projects/${s.pid}/reach?asOf=2018-04-01`)
    expect(obj(early.direct).total).toBe(2)
    expect(early.targets).toEqual([
      { indicator: "direct", value: 5, achieved: 2, expected: 1.25, status: "on_track" },
      { indicator: "indirect", value: 10, achieved: 0, expected: 2.49, status: "behind" },
      { indicator: "total", value: 15, achieved: 2, expected: 3.74, status: "behind" },
    ])
  })

  it.skipIf(!db.available)("lists the persons behind a figure, with names for an admin", async () => {
    const r = await s.must(
      "GET",
      `/v1/projects/${s.pid}/reach/people?asOf=2018-12-31&indicator=byGender&bucket=unknown`,
    )
    expect(r).toMatchObject({
      total: 1,
      nextCursor: null,
      items: [
        { personId: s.elenaMun, displayName: "Elena Stoyanova Kirova", institutionId: s.m1, via: s.e2 },
      ],
    })
    const page = await s.must(
      "GET",
      `/v1/projects/${s.pid}/reach/people?asOf=2018-12-31&indicator=direct&limit=2`,
    )
    expect(page.items).toHaveLength(2)
    const rest = await s.must(
      "GET",
      `/v1/projects/${s.pid}/reach/people?asOf=2018-12-31&indicator=direct&limit=500&cursor=${page.nextCursor}`,
    )
    expect([...list(page.items), ...list(rest.items)].map((p: Body) => p.personId).sort()).toEqual(
      [s.maria, s.ivan, s.georgi, s.elenaNgo, s.elenaMun].sort(),
    )
    const indirect = await s.must(
      "GET",
      `/v1/projects/${s.pid}/reach/people?asOf=2018-12-31&indicator=indirect`,
    )
    expect(list(indirect.items).map((p: Body) => p.personId)).toEqual([s.petar])
    const bad = await api.json("GET", `/v1/projects/${s.pid}/reach/people?indicator=everyone`)
    expect(bad.status).toBe(400)
  })

  it.skipIf(!db.available)(
    "exports the persons behind a figure as XLSX and CSV, in either language",
    async () => {
      const path = `/v1/projects/${s.pid}/reach/people?asOf=2018-12-31&indicator=direct`
      const xlsx = await api.request("GET", `${path}&format=xlsx&lang=en`)
      expect(xlsx.status).toBe(200)
      expect(xlsx.headers.get("content-type")).toContain("spreadsheetml")
      expect(xlsx.headers.get("content-disposition")).toContain(".xlsx")
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(await xlsx.arrayBuffer())
      const sheet = book.worksheets[0]!
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        "Person",
        "Id",
        "Institution",
        "First contact",
        "Via",
      ])
      const rows = sheet.getSheetValues().slice(2) as Array<Array<unknown>>
      expect(rows.map((r) => r[2]).sort()).toEqual([s.maria, s.ivan, s.georgi, s.elenaNgo, s.elenaMun].sort())
      const elena = rows.find((r) => r[2] === s.elenaMun)!
      expect(elena[1]).toBe("Elena Stoyanova Kirova")
      expect(elena[3]).toBe("Столична община")
      // A date cell, not the text of a date.
      expect(elena[4]).toBeInstanceOf(Date)
      const csv = await api.request("GET", path, undefined, {
        Accept: "text/csv",
        "Accept-Language": "bg-BG",
      })
      expect(csv.headers.get("content-type")).toContain("text/csv")
      const records = parse(await csv.text(), { bom: true, columns: true }) as Array<Record<string, string>>
      expect(records).toHaveLength(5)
      expect(Object.keys(records[0]!)).toEqual([
        "Лице",
        "Идентификатор",
        "Институция",
        "Първи контакт",
        "Чрез",
      ])
      expect(records.find((r) => r.Идентификатор === s.elenaMun)?.["Първи контакт"]).toMatch(/^2018-05-1\d$/)
      const missing = await api.request(
        "GET",
        "/v1/projects/prj_nope/reach/people?indicator=direct&format=xlsx",
      )
      expect(missing.status).toBe(404)
      expect(missing.headers.get("content-type")).toContain("application/problem+json")
    },
  )

  it.skipIf(!db.available)("charts reach over time against the expected line", async () => {
    const series = await s.must("GET", `/v1/projects/${s.pid}/reach/series?from=2018-01-01&to=2018-12-31`)
    expect(series.points).toHaveLength(12)
    expect(list(series.points)[2]).toMatchObject({ asOf: "2018-03-31", direct: 2, indirect: 0, total: 2 })
    expect(list(series.points).at(-1)).toMatchObject({
      asOf: "2018-12-31",
      direct: 5,
      indirect: 11,
      total: 16,
      expected: { direct: 5, indirect: 10, total: 15 },
    })
    const defaults = await s.must("GET", `/v1/projects/${s.pid}/reach/series`)
    expect(list(defaults.points).at(-1)?.asOf).toBe("2018-12-31")
  })

  it.skipIf(!db.available)("reports attendance per event and people new in a period", async () => {
    const events = await s.must("GET", `/v1/projects/${s.pid}/reach/events?asOf=2018-12-31`)
    expect(events.items).toEqual([
      {
        eventId: s.e1,
        eventKind: "regional_workshop",
        attendances: 4,
        personDays: 4,
        uniquePersons: 4,
        firstReachedHere: 2,
      },
      {
        eventId: s.e2,
        eventKind: "training_seminar",
        attendances: 5,
        personDays: 8,
        uniquePersons: 5,
        firstReachedHere: 3,
      },
    ])
    const period = await s.must("GET", `/v1/projects/${s.pid}/reach/period?from=2018-04-01&to=2018-06-30`)
    expect(period).toMatchObject({
      direct: { newInPeriod: 3, toDate: 5 },
      indirectNamed: { newInPeriod: 1, toDate: 1 },
      unnamedCounted: { inPeriod: 7, toDate: 7 },
    })
  })

  it.skipIf(!db.available)("counts a merged person once and restores everything on undo", async () => {
    const before = await s.must("GET", `/v1/projects/${s.pid}/reach?asOf=2018-12-31`)
    const merged = await s.must("POST", `/v1/people/${s.elenaMun}/merge`, { intoPersonId: s.elenaNgo })
    expect(merged.mergedInto).toBe(s.elenaNgo)
    const during = await s.must("GET", `/v1/projects/${s.pid}/reach?asOf=2018-12-31`)
    expect(obj(during.direct).total).toBe(4)
    expect(obj(during.direct).byGender).toEqual({ female: 2, male: 2 })
    await s.must("POST", `/v1/people/${s.elenaMun}/unmerge`)
    expect(await s.must("GET", `/v1/projects/${s.pid}/reach?asOf=2018-12-31`)).toEqual(before)
    const audit = await s.must("GET", `/v1/audit?entity=person:${s.elenaMun}`)
    expect(list(audit.items).map((e: Body) => e.action)).toEqual(
      expect.arrayContaining(["create", "merge", "unmerge"]),
    )
  })

  it.skipIf(!db.available)("answers an unknown project with 404", async () => {
    expect((await api.json("GET", "/v1/projects/prj_nope/reach")).status).toBe(404)
  })
})
