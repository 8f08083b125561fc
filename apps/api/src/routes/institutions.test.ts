import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const sofia = {
  name: "Столична община",
  kind: "municipality",
  level: "local",
  country: "BG",
  province: "BG411",
}

describe.each(testDatabases())("institutions' contact addresses over the API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  const patch = (id: string, version: number, body: unknown) =>
    api.request("PATCH", `/v1/institutions/${id}`, body, { "If-Match": String(version) })

  it.skipIf(!db.available)(
    "starts with none, takes a list trimmed, lower-cased and without repeats",
    async () => {
      const created = await api.json<{ id: string; contactEmails: Array<string> }>(
        "POST",
        "/v1/institutions",
        sofia,
      )
      expect(created.status).toBe(201)
      expect(created.body.contactEmails).toEqual([])
      const res = await patch(created.body.id, 1, {
        contactEmails: [" Office@Sofia.bg ", "office@sofia.bg", "tasks@sofia.bg"],
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({
        contactEmails: ["office@sofia.bg", "tasks@sofia.bg"],
        version: 2,
      })
      const read = await api.json("GET", `/v1/institutions/${created.body.id}`)
      expect(read.body.contactEmails).toEqual(["office@sofia.bg", "tasks@sofia.bg"])
      const listed = await api.json<{ items: Array<{ id: string; contactEmails: Array<string> }> }>(
        "GET",
        "/v1/institutions?limit=500",
      )
      expect(listed.body.items.find((i) => i.id === created.body.id)?.contactEmails).toHaveLength(2)
      const cleared = await patch(created.body.id, 2, { contactEmails: [] })
      expect(await cleared.json()).toMatchObject({ contactEmails: [], version: 3 })
    },
  )

  it.skipIf(!db.available)(
    "refuses a bad address or too many with the failing path, and changes nothing",
    async () => {
      const created = await api.json<{ id: string }>("POST", "/v1/institutions", {
        ...sofia,
        contactEmails: ["office@sofia.bg"],
      })
      const id = created.body.id
      for (const [contactEmails, path] of [
        [["ok@sofia.bg", "not-an-address"], "contactEmails.1"],
        [["a@sofia.bg, b@sofia.bg"], "contactEmails.0"],
        [["Office <office@sofia.bg>"], "contactEmails.0"],
        [Array.from({ length: 21 }, (_, i) => `c${i}@sofia.bg`), "contactEmails"],
      ] as const) {
        const res = await patch(id, 1, { contactEmails })
        expect(res.status).toBe(400)
        const problem = (await res.json()) as { errors: Array<{ path: string }> }
        expect(problem.errors.map((e) => e.path)).toContain(path)
      }
      const read = await api.json("GET", `/v1/institutions/${id}`)
      expect(read.body).toMatchObject({ contactEmails: ["office@sofia.bg"], version: 1 })
    },
  )
})
