import { testDatabases } from "@coordina/store/testing"
import { parse } from "csv-parse/sync"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>
/** Test answers are read loosely: these name the shape a member is expected to have. */
const list = (v: unknown) => v as ReadonlyArray<Body>
const str = (v: unknown) => v as string

describe.each(testDatabases())("institutions and people API on $name", (db) => {
  let api: TestApp
  let m1: string
  let n1: string
  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    m1 = str(
      (
        await api.json<Body>("POST", "/v1/institutions", {
          name: "Община Русе",
          kind: "municipality",
          level: "local",
          country: "BG",
          province: "BG323",
        })
      ).body.id,
    )
    n1 = str(
      (
        await api.json<Body>("POST", "/v1/institutions", {
          name: "Фондация",
          kind: "ngo",
          level: "central",
          country: "BG",
        })
      ).body.id,
    )
  }, 60_000)
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "validates region codes: 400 for an unknown code, 422 for a province elsewhere",
    async () => {
      expect(
        (
          await api.json("POST", "/v1/institutions", {
            name: "X",
            kind: "municipality",
            level: "local",
            country: "BG",
            planningRegion: "BG99",
          })
        ).status,
      ).toBe(400)
      const wrong = await api.json<Body>("POST", "/v1/institutions", {
        name: "X",
        kind: "municipality",
        level: "local",
        country: "BG",
        planningRegion: "BG41",
        province: "BG323",
      })
      expect(wrong).toMatchObject({ status: 422, body: { code: "InvalidRegionCode", field: "province" } })
      const read = await api.json<Body>("GET", `/v1/institutions/${m1}`)
      expect(read.body).toMatchObject({ planningRegion: "BG32", province: "BG323", version: 1 })
    },
  )

  it.skipIf(!db.available)("filters institutions by kind, level and planning region", async () => {
    const ids = async (query: string) =>
      list((await api.json<Body>("GET", `/v1/institutions?${query}`)).body.items).map((i) => i.id)
    expect(await ids("kind=municipality")).toContain(m1)
    expect(await ids("kind=municipality")).not.toContain(n1)
    expect(await ids("level=central")).toEqual(expect.arrayContaining([n1]))
    expect(await ids("level=central")).not.toContain(m1)
    expect(await ids("planningRegion=BG32")).toEqual([m1])
    expect((await api.json("GET", "/v1/institutions?kind=castle")).status).toBe(400)
  })

  it.skipIf(!db.available)("changes an institution only with the current If-Match", async () => {
    const patch = (headers: Record<string, string>, body: unknown) =>
      api.request("PATCH", `/v1/institutions/${n1}`, body, headers)
    expect((await patch({}, { name: "Фондация Пример" })).status).toBe(428)
    const ok = await patch({ "If-Match": '"1"' }, { name: "Фондация Пример" })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ name: "Фондация Пример", version: 2 })
    expect((await patch({ "If-Match": "1" }, { name: "Stale" })).status).toBe(409)
    expect(
      list((await api.json<Body>("GET", `/v1/institutions?q=fondatsia`)).body.items).map((i: Body) => i.id),
    ).toEqual([n1])
  })

  it.skipIf(!db.available)("refuses a known email with 409 and existingId, and stores nothing", async () => {
    const first = await api.json<Body>("POST", "/v1/people", {
      givenName: "Мария",
      familyName: "Петрова",
      email: "maria@example.bg",
      institutionId: m1,
    })
    expect(first.status).toBe(201)
    const again = await api.json<Body>("POST", "/v1/people", {
      givenName: "Maria",
      familyName: "P.",
      email: " MARIA@example.bg ",
      institutionId: m1,
    })
    expect(again).toMatchObject({ status: 409, body: { existingId: first.body.id, code: "EmailTaken" } })
    // "P." is read as the word "p", which Петрова also starts with: only the first record is there.
    const found = await api.json<{ items: Array<Body> }>("GET", "/v1/people?q=Maria%20P.")
    expect(found.body.items.map((p) => p.id)).toEqual([first.body.id])
    expect(
      (await api.json("POST", "/v1/people", { givenName: "A", familyName: "B", institutionId: "ins_none" }))
        .status,
    ).toBe(404)
  })

  it.skipIf(!db.available)("counts a search's matches and exports all of them as CSV", async () => {
    for (const given of ["Стоян", "Стоянка", "Стойко"])
      await api.json("POST", "/v1/people", { givenName: given, familyName: "Експортов", institutionId: m1 })
    const page = await api.json<Body>("GET", "/v1/people?q=eksportov&limit=2")
    expect(list(page.body.items)).toHaveLength(2)
    expect(page.body.total).toBe(3)
    const csv = await api.request("GET", "/v1/people?q=eksportov&format=csv&lang=en")
    expect(csv.status).toBe(200)
    const records = parse(await csv.text(), { bom: true, columns: true }) as Array<Record<string, string>>
    expect(records.map((r) => r["Given name"]).sort()).toEqual(["Стойко", "Стоян", "Стоянка"])
    expect(new Set(records.map((r) => r.Institution))).toEqual(new Set(["Община Русе"]))
  })

  it.skipIf(!db.available)("finds Cyrillic names from Latin input and the reverse", async () => {
    await api.json("POST", "/v1/people", { givenName: "Ivan", familyName: "Ivanov", institutionId: n1 })
    const latin = await api.json<Body>("GET", "/v1/people?q=maria%20petrova")
    expect(list(latin.body.items).map((p: Body) => p.familyName)).toEqual(["Петрова"])
    const cyrillic = await api.json<Body>("GET", `/v1/people?q=${encodeURIComponent("Иванов")}`)
    expect(list(cyrillic.body.items).map((p: Body) => p.familyName)).toEqual(["Ivanov"])
  })

  it.skipIf(!db.available)(
    "lists possible duplicates, merges with audit, refuses a second merge and undoes",
    async () => {
      const a = (
        await api.json<Body>("POST", "/v1/people", {
          givenName: "Елена",
          familyName: "Стоянова-Кирова",
          institutionId: n1,
        })
      ).body.id
      const b = (
        await api.json<Body>("POST", "/v1/people", {
          givenName: "Elena",
          familyName: "Stoyanova Kirova",
          institutionId: m1,
        })
      ).body.id
      const dupes = await api.json<Body>("GET", "/v1/people/duplicates")
      expect(dupes.body.items).toEqual([
        {
          nameKey: "elena stoyanova kirova",
          people: [expect.objectContaining({ id: a }), expect.objectContaining({ id: b })],
          dismissedPairs: [],
        },
      ])
      expect(
        (await api.json<Body>("POST", `/v1/people/${b}/merge`, { intoPersonId: a })).body.mergedInto,
      ).toBe(a)
      expect((await api.json<Body>("GET", "/v1/people/duplicates")).body.items).toEqual([])
      expect((await api.json<Body>("POST", `/v1/people/${b}/merge`, { intoPersonId: a })).status).toBe(409)
      expect((await api.json<Body>("POST", `/v1/people/${a}/merge`, { intoPersonId: b })).status).toBe(409)
      expect((await api.json<Body>("POST", `/v1/people/${b}/unmerge`)).body.mergedInto).toBeUndefined()
      expect((await api.json<Body>("POST", `/v1/people/${b}/unmerge`)).status).toBe(409)
      expect((await api.json<Body>("GET", `/v1/people/${b}`)).body).toMatchObject({ id: b, version: 3 })
    },
  )

  it.skipIf(!db.available)(
    "dismisses a possible-duplicate pair as two people with audit, refuses bad pairs and undoes",
    async () => {
      const person = async (givenName: string, familyName: string, institutionId: string) =>
        str((await api.json<Body>("POST", "/v1/people", { givenName, familyName, institutionId })).body.id)
      const a = await person("Теодора", "Вълчева", n1)
      const b = await person("Teodora", "Valcheva", m1)
      const group = async () =>
        list((await api.json<Body>("GET", "/v1/people/duplicates?limit=500")).body.items).find(
          (g) => g.nameKey === "teodora valcheva",
        )
      expect(await group()).toMatchObject({ dismissedPairs: [] })

      const dismissed = await api.json<Body>("POST", "/v1/people/duplicates/dismissals", {
        personIds: [b, a],
      })
      expect(dismissed.status).toBe(200)
      expect(dismissed.body).toMatchObject({ personIds: [a, b].sort(), dismissedBy: expect.any(String) })
      expect(await group()).toBeUndefined()
      // Again, either way round: the same dismissal, and one audit entry.
      const again = await api.json<Body>("POST", "/v1/people/duplicates/dismissals", { personIds: [a, b] })
      expect(again.body).toEqual(dismissed.body)
      const first = [a, b].sort()[0]
      const audit = await api.json<Body>("GET", `/v1/audit?entity=${encodeURIComponent(`person:${first}`)}`)
      expect(list(audit.body.items).filter((e) => e.action === "dismiss_duplicate")).toHaveLength(1)

      // Bad pairs: nothing is written.
      const same = await api.json<Body>("POST", "/v1/people/duplicates/dismissals", { personIds: [a, a] })
      expect(same.status).toBe(400)
      expect(list(same.body.errors)[0]).toMatchObject({ path: "personIds" })
      expect(
        (await api.json<Body>("POST", "/v1/people/duplicates/dismissals", { personIds: [a] })).status,
      ).toBe(400)
      const missing = await api.json<Body>("POST", "/v1/people/duplicates/dismissals", {
        personIds: [a, "per_missing"],
      })
      expect(missing).toMatchObject({ status: 404, body: { code: "PersonNotFound" } })

      const undone = await api.request("DELETE", "/v1/people/duplicates/dismissals", { personIds: [b, a] })
      expect(undone.status).toBe(204)
      expect(await group()).toMatchObject({ people: [expect.objectContaining({ id: a }), expect.anything()] })
      const twice = await api.json<Body>("DELETE", "/v1/people/duplicates/dismissals", { personIds: [a, b] })
      expect(twice).toMatchObject({ status: 404, body: { code: "DuplicateDismissalNotFound" } })
      const after = await api.json<Body>("GET", `/v1/audit?entity=${encodeURIComponent(`person:${first}`)}`)
      expect(list(after.body.items).map((e) => e.action)).toContain("undo_dismiss_duplicate")
    },
  )
})

describe.each(testDatabases())("events and dissemination API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  }, 60_000)
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "exports a project's events as XLSX with typed dates, and counts them",
    async () => {
      const project = await api.json<Body>("POST", "/v1/projects", {
        code: `EXP-${Math.random().toString(36).slice(2, 8)}`,
        title: "Export",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [],
      })
      const pid = str(project.body.id)
      for (const day of ["2018-02-01", "2018-03-01"])
        await api.json("POST", "/v1/events", {
          projectId: pid,
          kind: "training_seminar",
          title: `Семинар ${day}`,
          startDate: day,
          endDate: day,
          city: "Русе",
        })
      const page = await api.json<Body>("GET", `/v1/events?projectId=${pid}&limit=1`)
      expect(page.body.total).toBe(2)
      const xlsx = await api.request("GET", `/v1/events?projectId=${pid}&format=xlsx&lang=bg`)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(await xlsx.arrayBuffer())
      const sheet = book.worksheets[0]!
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        "Наименование",
        "Вид",
        "Начало",
        "Край",
        "Град",
        "Идентификатор",
      ])
      expect(sheet.rowCount).toBe(3)
      expect(sheet.getRow(2).getCell(2).value).toBe("Обучителен семинар")
      expect(sheet.getRow(2).getCell(3).value).toEqual(new Date("2018-02-01T00:00:00Z"))
      const other = await api.request("GET", "/v1/events?projectId=prj_none&format=csv")
      expect(other.status).toBe(404)
    },
  )

  it.skipIf(!db.available)("registers, records attendance within the event, and lists", async () => {
    const project = (
      await api.json<Body>("POST", "/v1/projects", {
        code: "EV",
        title: "T",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [],
      })
    ).body.id
    const inst = (
      await api.json<Body>("POST", "/v1/institutions", {
        name: "Община",
        kind: "municipality",
        level: "local",
        country: "BG",
      })
    ).body.id
    const person = (
      await api.json<Body>("POST", "/v1/people", {
        givenName: "Иван",
        familyName: "Иванов",
        institutionId: inst,
      })
    ).body.id
    const backwards = await api.json<Body>("POST", "/v1/events", {
      projectId: project,
      kind: "conference",
      title: "C",
      startDate: "2018-05-11",
      endDate: "2018-05-10",
      city: "София",
    })
    expect(backwards.status).toBe(400)
    const event = (
      await api.json<Body>("POST", "/v1/events", {
        projectId: project,
        kind: "conference",
        title: "C",
        startDate: "2018-05-10",
        endDate: "2018-05-11",
        city: "София",
      })
    ).body.id
    expect(
      list((await api.json<Body>("GET", `/v1/events?projectId=${project}`)).body.items).map(
        (e: Body) => e.id,
      ),
    ).toEqual([event])
    const reg = await api.json<Body>("POST", `/v1/events/${event}/participations`, {
      personId: person,
      role: "participant",
      status: "registered",
    })
    expect(reg).toMatchObject({ status: 201, body: { institutionId: inst, attendedDays: [] } })
    expect(
      (
        await api.json<Body>("POST", `/v1/events/${event}/participations`, {
          personId: person,
          role: "participant",
          status: "registered",
        })
      ).status,
    ).toBe(409)
    const outside = await api.json<Body>("PUT", `/v1/events/${event}/participations/${person}/attendance`, {
      days: ["2018-05-12"],
    })
    expect(outside).toMatchObject({ status: 422, body: { code: "DayOutsideEvent", day: "2018-05-12" } })
    const ok = await api.json<Body>("PUT", `/v1/events/${event}/participations/${person}/attendance`, {
      days: ["2018-05-11", "2018-05-10"],
    })
    expect(ok.body).toMatchObject({ attendedDays: ["2018-05-10", "2018-05-11"], version: 2 })
    const stale = await api.request(
      "PUT",
      `/v1/events/${event}/participations/${person}/attendance`,
      { days: [] },
      { "If-Match": "1" },
    )
    expect(stale.status).toBe(409)
    expect((await api.json<Body>("GET", `/v1/events/${event}/participations`)).body.items).toHaveLength(1)
    const byIds = await api.json<Body>("GET", `/v1/people?ids=${person},per_missing`)
    expect(list(byIds.body.items).map((p) => p.id)).toEqual([person])
    const ofPerson = await api.json<Body>("GET", `/v1/people/${person}/participations`)
    expect(ofPerson.body).toMatchObject({ items: [{ eventId: event, personId: person }], nextCursor: null })
    expect((await api.json<Body>("GET", "/v1/people/per_missing/participations")).status).toBe(404)
    const activity = await api.json<Body>("POST", "/v1/dissemination-activities", {
      projectId: project,
      kind: "newsletter",
      date: "2018-06-01",
      title: "N",
      namedPersonIds: [person],
      additionalCount: 40,
      method: "estimated",
    })
    expect(activity).toMatchObject({ status: 201, body: { namedPersonIds: [person] } })
    const unknown = await api.json<Body>("POST", "/v1/dissemination-activities", {
      projectId: project,
      kind: "newsletter",
      date: "2018-06-01",
      title: "N",
      namedPersonIds: ["per_none"],
      additionalCount: 0,
      method: "counted",
    })
    expect(unknown.status).toBe(404)
    expect(
      (await api.json<Body>("GET", `/v1/dissemination-activities?projectId=${project}`)).body.items,
    ).toHaveLength(1)
    const reach = await api.json<Body>("GET", `/v1/projects/${project}/reach?asOf=2018-12-31`)
    expect(reach.body).toMatchObject({
      direct: { total: 1 },
      indirect: { total: 40, named: 0, unnamedEstimated: 40 },
      total: 41,
      targets: [],
    })
  })
})
