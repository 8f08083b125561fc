import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const practice = {
  country: "BE",
  area: "housing",
  level: "local",
  title: { bg: "Общинско настаняване в Гент", en: "Municipal housing in Ghent" },
  description: { bg: "Общината наема жилища от частни собственици." },
  sources: [{ title: "Stad Gent", url: "https://stad.gent", date: "2018-05-01" }],
  eventIds: [] as Array<string>,
  presenterIds: [] as Array<string>,
}

describe.each(testDatabases())("the practices and recommendations API on $name", (db) => {
  let api: TestApp
  let eventId: string
  let personId: string
  const must = async (method: string, path: string, body?: unknown) => {
    const r = await api.json<Body>(method, path, body)
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const counts = async () => api.run(rowCounts(await api.run(tableNames)))

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await must("POST", "/v1/projects", {
      code: "PRACTICE-API",
      title: "Practices",
      startDate: "2017-12-01",
      durationMonths: 16,
      targets: [],
    })
    const institution = await must("POST", "/v1/institutions", {
      name: "Stad Gent",
      kind: "municipality",
      level: "local",
      country: "BE",
    })
    eventId = (
      await must("POST", "/v1/events", {
        projectId: project.id,
        kind: "regional_workshop",
        title: "Семинар Русе",
        startDate: "2018-06-14",
        endDate: "2018-06-15",
        city: "Русе",
      })
    ).id as string
    personId = (
      await must("POST", "/v1/people", {
        givenName: "Anna",
        familyName: "Peeters",
        institutionId: institution.id,
      })
    ).id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "adds, searches in both scripts, filters, pages and changes with If-Match",
    async () => {
      const created = await api.json<Body>("POST", "/v1/practices", {
        ...practice,
        eventIds: [eventId],
        presenterIds: [personId],
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({
        version: 1,
        eventIds: [eventId],
        presenterIds: [personId],
        missingLanguages: ["en"],
      })
      const id = created.body.id as string
      await must("POST", "/v1/practices", {
        ...practice,
        country: "DE",
        area: "bulgarian_language",
        level: "regional",
        title: { en: "Language cafés" },
        description: { en: "Volunteers tutor in cafés." },
      })

      const ids = async (qs: string) =>
        ((await must("GET", `/v1/practices?${qs}`)).items as Array<Body>).map((p) => p.id)
      expect(await ids("q=nastanyavane")).toEqual([id])
      expect(await ids(`q=${encodeURIComponent("волунте")}`)).toHaveLength(1)
      expect(await ids("country=DE")).toHaveLength(1)
      expect(await ids("area=housing&level=local")).toEqual([id])
      expect(await ids("area=housing&level=central")).toEqual([])
      const page = await must("GET", "/v1/practices?limit=1")
      expect(page.nextCursor).toBe(id)
      expect((await must("GET", `/v1/practices?limit=1&cursor=${id}`)).nextCursor).toBeNull()
      expect((await api.json("GET", "/v1/practices?area=tourism")).status).toBe(400)

      const read = await must("GET", `/v1/practices/${id}`)
      expect(read).toMatchObject({ id, title: practice.title })
      expect((await api.json("GET", "/v1/practices/pra_missing")).status).toBe(404)

      const patch = (b: unknown, version?: string) =>
        api.request("PATCH", `/v1/practices/${id}`, b, version ? { "If-Match": version } : {})
      expect((await patch({ level: "central" })).status).toBe(428)
      const changed = await patch({ level: "central", description: { bg: "Ново", en: "New" } }, "1")
      expect(changed.status).toBe(200)
      expect(await changed.json()).toMatchObject({ version: 2, level: "central", missingLanguages: [] })
      expect((await patch({ level: "local" }, "1")).status).toBe(409)
      const bad = await patch({ title: { bg: "", en: " " } }, "2")
      expect(bad.status).toBe(422)
      expect(await bad.json()).toMatchObject({ code: "PracticeRejected", errors: [{ path: "title" }] })
      expect((await must("GET", `/v1/practices/${id}`)).version).toBe(2)

      const audit = (await must("GET", `/v1/audit?entity=practice:${id}`)).items as Array<Body>
      expect(audit.map((e) => e.action)).toEqual(["create", "update"])
    },
  )

  it.skipIf(!db.available)("refuses a bad practice with 422 and the paths, writing nothing", async () => {
    const before = await counts()
    const r = await api.json<Body>("POST", "/v1/practices", {
      ...practice,
      country: "XK",
      title: { bg: " " },
      sources: [
        { title: "", url: "https://a.example" },
        { title: "No URL", url: "" },
        { title: "FTP", url: "ftp://a.example/x" },
      ],
      eventIds: ["evt_missing"],
      presenterIds: [personId, "per_missing"],
    })
    expect(r.status).toBe(422)
    expect((r.body.errors as Array<Body>).map((e) => e.path)).toEqual([
      "country",
      "title",
      "sources.0.title",
      "sources.1.url",
      "sources.2.url",
      "eventIds.0",
      "presenterIds.1",
    ])
    expect(await counts()).toEqual(before)
  })

  it.skipIf(!db.available)("shows each finding's figure recomputed now beside the one cited", async () => {
    const p = await must("POST", "/v1/practices", { ...practice, level: "central" })
    const municipality = await must("POST", "/v1/institutions", {
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: "BG32",
      province: "BG323",
    })
    expect(municipality.id).toBeDefined()
    const ben = await must("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: "2019-03-01",
      familyMembers: 1,
      personal: { givenName: "Test", familyName: "Person" },
    })
    await must("POST", "/v1/agreements", { beneficiaryId: ben.id, intentDate: "2019-03-15" })
    const finding = {
      groupBy: "procedure",
      asOf: "2019-12-31",
      procedureId: "ordinance-2017",
      figure: { metric: "funnel.intents", value: 3 },
    }
    const created = await api.json<Body>("POST", "/v1/recommendations", {
      level: "central",
      text: { bg: "Удължете срока за заявяване.", en: "Lengthen the time limit for intents." },
      practiceIds: [p.id],
      findings: [finding, { ...finding, procedureId: "ordinance-2016" }],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      practiceIds: [p.id],
      findings: [
        { ...finding, currentValue: 1 },
        { procedureId: "ordinance-2016", figure: { value: 3 }, currentValue: null },
      ],
    })
    await must("POST", "/v1/recommendations", {
      level: "local",
      text: { en: "Local." },
      practiceIds: [],
      findings: [],
    })
    const central = await must("GET", "/v1/recommendations?level=central")
    expect((central.items as Array<Body>).map((r) => r.id)).toEqual([created.body.id])
    expect((central.items as Array<{ findings: Array<Body> }>)[0]!.findings[0]!.currentValue).toBe(1)
    expect(((await must("GET", "/v1/recommendations")).items as Array<Body>).length).toBe(2)
    expect((await api.json("GET", "/v1/recommendations?level=federal")).status).toBe(400)

    const before = await counts()
    const bad = await api.json<Body>("POST", "/v1/recommendations", {
      level: "regional",
      text: {},
      practiceIds: ["pra_missing"],
      findings: [
        { ...finding, procedureId: "ordinance-1999" },
        { ...finding, groupBy: "municipality" },
      ],
    })
    expect(bad.status).toBe(422)
    expect((bad.body.errors as Array<Body>).map((e) => e.path)).toEqual([
      "text",
      "findings.1.procedureId",
      "practiceIds.0",
      "findings.0.procedureId",
    ])
    expect(await counts()).toEqual(before)
  })
})
