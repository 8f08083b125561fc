import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Body = Record<string, unknown>

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
})
