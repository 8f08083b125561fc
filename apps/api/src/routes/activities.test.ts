import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const a1 = {
  code: "A1",
  title: "Review of the secondary legislation",
  plannedStart: "2017-12-01",
  plannedEnd: "2018-05-31",
  status: "planned",
  deliverables: ["review report"],
}

describe.each(testDatabases())("the project plan API on $name", (db) => {
  let api: TestApp
  let projectId: string
  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    const project = await api.json("POST", "/v1/projects", {
      code: "PLAN-API",
      title: "Plan",
      startDate: "2017-12-01",
      durationMonths: 16,
      targets: [],
    })
    projectId = project.body.id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "adds, changes with If-Match, and writes progress; the audit log has each change",
    async () => {
      const created = await api.json("POST", `/v1/projects/${projectId}/activities`, a1)
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ ...a1, version: 1, outsideProjectPeriod: false, progress: [] })
      const id = created.body.id as string
      expect((await api.json("POST", `/v1/projects/${projectId}/activities`, a1)).status).toBe(409)

      const patch = (body: unknown, version?: string) =>
        api.request("PATCH", `/v1/activities/${id}`, body, version ? { "If-Match": version } : {})
      expect((await patch({ status: "completed" })).status).toBe(428)
      const moved = await patch(
        { actualStart: "2017-12-04", actualEnd: "2019-04-15", status: "completed" },
        "1",
      )
      expect(moved.status).toBe(200)
      expect(await moved.json()).toMatchObject({
        version: 2,
        status: "completed",
        outsideProjectPeriod: true,
      })
      expect((await patch({ status: "planned" }, "1")).status).toBe(409)
      const backwards = await patch({ plannedEnd: "2017-11-01" }, "2")
      expect(backwards.status).toBe(422)
      expect(await backwards.json()).toMatchObject({
        code: "PlanRuleViolated",
        errors: [{ path: "plannedEnd" }],
      })

      const progress = await api.json("POST", `/v1/activities/${id}/progress`, {
        periodStart: "2017-12-01",
        periodEnd: "2018-06-30",
        text: "Прегледът е завършен",
      })
      expect(progress.status).toBe(201)
      expect(progress.body).toMatchObject({ version: 3, progress: [{ text: "Прегледът е завършен" }] })

      // Extending the project moves nothing, and the activity then lies inside the period.
      await api.json("POST", `/v1/projects/${projectId}/extensions`, { months: 6, reason: "COVID-19" })
      const listed = await api.json<{ items: Array<Record<string, unknown>> }>(
        "GET",
        `/v1/projects/${projectId}/activities`,
      )
      expect(listed.body.items).toMatchObject([{ id, actualEnd: "2019-04-15", outsideProjectPeriod: false }])
      const audit = await api.json<{ items: unknown[] }>("GET", `/v1/audit?entity=activity:${id}`)
      expect(audit.body.items).toHaveLength(3)
    },
  )

  it.skipIf(!db.available)("refuses bad bodies with their paths and unknown records with 404", async () => {
    const bad = await api.json("POST", `/v1/projects/${projectId}/activities`, {
      ...a1,
      code: "A9",
      plannedEnd: "2017-01-01",
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain("plannedEnd")
    expect((await api.json("POST", "/v1/projects/prj_none/activities", { ...a1, code: "A8" })).status).toBe(
      404,
    )
    expect((await api.json("GET", "/v1/projects/prj_none/activities")).status).toBe(404)
    const text = { periodStart: "2018-01-01", periodEnd: "2018-02-01", text: "x" }
    expect((await api.json("POST", "/v1/activities/act_none/progress", text)).status).toBe(404)
  })
})
