import { testDatabases } from "@coordina/store/testing"
import { strFromU8, unzipSync } from "fflate"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

const pdfText = async (bytes: Uint8Array) => {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise
  const pages: Array<string> = []
  for (let i = 1; i <= pdf.numPages; i++)
    pages.push(
      (await (await pdf.getPage(i)).getTextContent()).items
        .map((item) => ("str" in item ? item.str : ""))
        .join(""),
    )
  await pdf.destroy()
  return pages
}

describe.each(testDatabases())("the manuals API on $name", (db) => {
  let api: TestApp
  let projectId: string
  let practiceId: string
  let recommendationId: string
  const must = async (method: string, path: string, body?: unknown) => {
    const r = await api.json<Body>(method, path, body)
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const counts = async () => api.run(rowCounts(await api.run(tableNames)))

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    projectId = (
      await must("POST", "/v1/projects", {
        code: "MANUAL-API",
        title: "Manual",
        startDate: "2017-12-01",
        durationMonths: 16,
        targets: [],
      })
    ).id as string
    practiceId = (
      await must("POST", "/v1/practices", {
        country: "SE",
        area: "coordination",
        level: "central",
        title: { en: "One entry point" },
        description: { en: "One office." },
        sources: [],
        eventIds: [],
        presenterIds: [],
      })
    ).id as string
    recommendationId = (
      await must("POST", "/v1/recommendations", {
        level: "central",
        text: { bg: "Една институция." },
        practiceIds: [practiceId],
        findings: [],
      })
    ).id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "orders chapters, publishes versions that keep the library as it was",
    async () => {
      const created = await api.json<Body>("POST", "/v1/manuals", {
        projectId,
        title: { bg: "Наръчник", en: "Manual" },
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ chapters: [], versions: [], version: 1 })
      const id = created.body.id as string
      const chapters = {
        chapters: [
          {
            title: { bg: "Въведение" },
            intro: { bg: "За наръчника." },
            recommendationIds: [],
            practiceIds: [],
          },
          { title: { en: "Coordination" }, recommendationIds: [recommendationId], practiceIds: [practiceId] },
        ],
      }
      const put = (b: unknown, version?: string) =>
        api.request("PUT", `/v1/manuals/${id}/chapters`, b, version ? { "If-Match": version } : {})
      expect((await put(chapters)).status).toBe(428)
      const set = await put(chapters, "1")
      expect(set.status).toBe(200)
      expect(((await set.json()) as { chapters: Array<Body> }).chapters.map((c) => c.title)).toEqual([
        { bg: "Въведение" },
        { en: "Coordination" },
      ])
      expect((await put(chapters, "1")).status).toBe(409)

      const before = await counts()
      const bad = await put(
        { chapters: [{ title: {}, recommendationIds: ["rec_x"], practiceIds: [practiceId, practiceId] }] },
        "2",
      )
      expect(bad.status).toBe(422)
      expect(((await bad.json()) as { errors: Array<Body> }).errors.map((e) => e.path)).toEqual([
        "chapters.0.title",
        "chapters.0.practiceIds.1",
        "chapters.0.recommendationIds.0",
      ])
      expect(await counts()).toEqual(before)

      const v1 = await api.json<Body>("POST", `/v1/manuals/${id}/versions`)
      expect(v1.status).toBe(201)
      expect(v1.body.version).toBe(1)
      // Editing the library afterwards leaves version 1 as it was published.
      await api.request(
        "PATCH",
        `/v1/practices/${practiceId}`,
        { title: { en: "Renamed" } },
        { "If-Match": "1" },
      )
      const read = await must("GET", `/v1/manuals/${id}/versions/1`)
      const chapter = (read.chapters as Array<{ practices: Array<Body>; recommendations: Array<Body> }>)[1]!
      expect(chapter.practices.map((p) => p.title)).toEqual([{ en: "One entry point" }])
      expect(chapter.recommendations.map((r) => r.id)).toEqual([recommendationId])
      expect((await api.json<Body>("POST", `/v1/manuals/${id}/versions`)).body.version).toBe(2)
      const v2 = await must("GET", `/v1/manuals/${id}/versions/2`)
      expect((v2.chapters as Array<{ practices: Array<Body> }>)[1]!.practices[0]!.title).toEqual({
        en: "Renamed",
      })
      expect(
        ((await must("GET", `/v1/manuals/${id}`)).versions as Array<Body>).map((v) => v.version),
      ).toEqual([1, 2])
      expect((await api.json("GET", `/v1/manuals/${id}/versions/3`)).status).toBe(404)
      const audit = (await must("GET", `/v1/audit?entity=manual:${id}`)).items as Array<Body>
      expect(audit.map((e) => e.action)).toEqual(["create", "update", "create", "create"])
    },
  )

  it.skipIf(!db.available)(
    "refuses a manual without a title or for a project that does not exist",
    async () => {
      const noTitle = await api.json<Body>("POST", "/v1/manuals", { projectId, title: { en: " " } })
      expect(noTitle.status).toBe(422)
      expect(noTitle.body).toMatchObject({ code: "ManualRejected", errors: [{ path: "title" }] })
      expect((await api.json("POST", "/v1/manuals", { projectId: "prj_x", title: { en: "M" } })).status).toBe(
        404,
      )
      expect((await api.json("GET", "/v1/manuals/man_x")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "exports a published version as PDF and DOCX from its snapshot, in bg and en",
    async () => {
      const id = (await must("POST", "/v1/manuals", { projectId, title: { bg: "Наръчник за износ" } }))
        .id as string
      await api.request(
        "PUT",
        `/v1/manuals/${id}/chapters`,
        {
          chapters: [
            { title: { bg: "Първа глава", en: "First chapter" }, recommendationIds: [], practiceIds: [] },
            {
              title: { bg: "Втора глава", en: "Second chapter" },
              recommendationIds: [recommendationId],
              practiceIds: [practiceId],
            },
          ],
        },
        { "If-Match": "1" },
      )
      expect((await api.request("GET", `/v1/manuals/${id}/versions/1/pdf`)).status).toBe(404)
      await must("POST", `/v1/manuals/${id}/versions`)
      // Renaming a chapter after publishing does not reach the published version's files.
      await api.request(
        "PUT",
        `/v1/manuals/${id}/chapters`,
        { chapters: [{ title: { bg: "Нова глава" }, recommendationIds: [], practiceIds: [] }] },
        { "If-Match": "2" },
      )
      const pdf = await api.request("GET", `/v1/manuals/${id}/versions/1/pdf?language=bg`)
      expect(pdf.status).toBe(200)
      expect(pdf.headers.get("content-type")).toBe("application/pdf")
      expect(pdf.headers.get("content-disposition")).toContain(`manual-${id}-v1-bg.pdf`)
      const pages = await pdfText(new Uint8Array(await pdf.arrayBuffer()))
      expect(pages[0]).toContain("Наръчник за износ")
      expect(pages[1]).toContain("Съдържание")
      const all = pages.join("\n")
      expect(all.indexOf("1. Първа глава")).toBeGreaterThan(-1)
      expect(all.indexOf("2. Втора глава")).toBeGreaterThan(all.indexOf("1. Първа глава"))
      expect(all).toContain("Една институция.")
      expect(all).not.toContain("Нова глава")

      const docx = await api.request("GET", `/v1/manuals/${id}/versions/1/docx?language=en`)
      expect(docx.status).toBe(200)
      expect(docx.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      )
      const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))["word/document.xml"]!)
      expect(xml).toContain("TOC \\h \\o")
      expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>.*1\. First chapter/)
      expect(xml).toContain("2. Second chapter")
      expect(xml).toContain("[in Bulgarian only] Наръчник за износ")

      const badLanguage = await api.json<Body>("GET", `/v1/manuals/${id}/versions/1/pdf?language=de`)
      expect(badLanguage.status).toBe(400)
      expect((await api.request("GET", `/v1/manuals/${id}/versions/9/docx`)).status).toBe(404)
      expect((await api.request("GET", "/v1/manuals/man_x/versions/1/pdf")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "records a distribution as a manual_distribution activity that grows indirect reach by its new people",
    async () => {
      const event = (
        await must("POST", "/v1/events", {
          projectId,
          kind: "regional_workshop",
          title: "Семинар",
          startDate: "2018-03-01",
          endDate: "2018-03-01",
          city: "Русе",
          planningRegion: "BG32",
        })
      ).id as string
      const institutionId = (
        await must("POST", "/v1/institutions", {
          name: "Община Русе",
          kind: "municipality",
          level: "local",
          country: "BG",
          planningRegion: "BG32",
          province: "BG323",
        })
      ).id as string
      const person = async (givenName: string) =>
        (await must("POST", "/v1/people", { givenName, familyName: "Тестова", institutionId })).id as string
      const attendee = await person("Анна")
      await must("POST", `/v1/events/${event}/participations`, {
        personId: attendee,
        role: "participant",
        status: "registered",
      })
      await must("PUT", `/v1/events/${event}/participations/${attendee}/attendance`, { days: ["2018-03-01"] })
      // Issue 12's figures: 40 named people (one of them reached directly already) and 200 estimated.
      const readers: Array<string> = []
      for (let i = 0; i < 39; i++) readers.push(await person(`Читател${String.fromCharCode(0x410 + i)}`))
      const id = (await must("POST", "/v1/manuals", { projectId, title: { bg: "Наръчник" } })).id as string
      await must("POST", `/v1/manuals/${id}/versions`)
      const reach = async () =>
        (await must("GET", `/v1/projects/${projectId}/reach?asOf=2018-12-31`)) as {
          direct: { total: number }
          indirect: { total: number; named: number; unnamedEstimated: number }
        }
      const before = await reach()
      const input = {
        date: "2018-06-01",
        namedPersonIds: [attendee, ...readers],
        additionalCount: 200,
        method: "estimated",
        channel: "printed copies",
      }

      const rows = await counts()
      const refused = [
        await api.json<Body>("POST", `/v1/manuals/${id}/versions/1/distributions`, {
          ...input,
          channel: " ",
        }),
        await api.json<Body>("POST", `/v1/manuals/${id}/versions/1/distributions`, {
          ...input,
          additionalCount: -1,
        }),
      ]
      expect(refused.map((r) => r.status)).toEqual([400, 400])
      expect(refused.map((r) => (r.body.errors as Array<Body>)[0]?.path)).toEqual([
        "channel",
        "additionalCount",
      ])
      expect((await api.json("POST", `/v1/manuals/${id}/versions/2/distributions`, input)).status).toBe(404)
      expect(
        (
          await api.json("POST", `/v1/manuals/${id}/versions/1/distributions`, {
            ...input,
            namedPersonIds: ["per_missing"],
          })
        ).status,
      ).toBe(404)
      expect(await counts()).toEqual(rows)

      const made = await api.json<Body>("POST", `/v1/manuals/${id}/versions/1/distributions`, input)
      expect(made.status).toBe(201)
      expect(made.body).toMatchObject({ manualId: id, manualVersion: 1, channel: "printed copies" })
      const activity = await must("GET", `/v1/dissemination-activities/${made.body.disseminationActivityId}`)
      expect(activity).toMatchObject({
        projectId,
        kind: "manual_distribution",
        date: "2018-06-01",
        additionalCount: 200,
        method: "estimated",
      })
      expect(activity.title).toContain("printed copies")

      const after = await reach()
      // The attendee is reached directly already, so only the 39 readers and the 200 are new.
      expect(after.indirect.total - before.indirect.total).toBe(239)
      expect(after.indirect.named - before.indirect.named).toBe(39)
      expect(after.indirect.unnamedEstimated - before.indirect.unnamedEstimated).toBe(200)
      expect(after.direct.total).toBe(before.direct.total)
    },
  )
})
