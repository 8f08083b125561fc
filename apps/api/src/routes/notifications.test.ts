import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const password = "a long enough passphrase"

describe.each(testDatabases())("notification preferences API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  const signedIn = async (email: string) => {
    const created = await api.json("POST", "/v1/users", {
      email,
      displayName: "Staff",
      password,
      roles: [{ role: "coordinator", projectIds: ["prj_x"] }],
    })
    expect(created.status).toBe(201)
    const res = await api.request(
      "POST",
      "/v1/sessions",
      { email, password, transport: "bearer" },
      { Authorization: "", "X-Forwarded-For": "192.0.2.7" },
    )
    const { token } = (await res.json()) as { token: string }
    const as = { Authorization: `Bearer ${token}` }
    return {
      id: created.body.id as string,
      get: () => api.request("GET", "/v1/users/me/notifications", undefined, as),
      put: (body: unknown) => api.request("PUT", "/v1/users/me/notifications", body, as),
    }
  }

  it.skipIf(!db.available)(
    "starts with everything on in Bulgarian, and keeps what the user chose",
    async () => {
      const me = await signedIn("prefs1@coordina.test")
      const first = await me.get()
      expect(first.status).toBe(200)
      expect(await first.json()).toEqual({
        language: "bg",
        kinds: {
          task_assigned: true,
          task_reminder: true,
          task_overdue: true,
          daily_digest: true,
          event_messages: true,
        },
      })
      const put = await me.put({ language: "en", kinds: { daily_digest: false } })
      expect(put.status).toBe(200)
      expect(await put.json()).toMatchObject({
        language: "en",
        kinds: { daily_digest: false, task_assigned: true },
      })
      expect(await (await me.get()).json()).toMatchObject({ language: "en", kinds: { daily_digest: false } })
      const audit = await api.json<{ items: Array<{ actor: string; action: string }> }>(
        "GET",
        `/v1/audit?entity=notification_preferences:${me.id}`,
      )
      expect(audit.body.items).toMatchObject([{ actor: me.id, action: "update" }])
      // One user's choice is not another's.
      const other = await signedIn("prefs2@coordina.test")
      expect(await (await other.get()).json()).toMatchObject({
        language: "bg",
        kinds: { daily_digest: true },
      })
    },
  )

  it.skipIf(!db.available)(
    "refuses a bad language or switch with its path, and changes nothing",
    async () => {
      const me = await signedIn("prefs3@coordina.test")
      await me.put({ language: "en" })
      for (const [body, path] of [
        [{ language: "de" }, "language"],
        [{ kinds: { task_overdue: "off" } }, "kinds.task_overdue"],
      ] as const) {
        const res = await me.put(body)
        expect(res.status).toBe(400)
        expect(
          ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path),
        ).toContain(path)
      }
      expect(await (await me.get()).json()).toMatchObject({ language: "en", kinds: { task_overdue: true } })
    },
  )

  it.skipIf(!db.available)("answers 403 to a caller who is not a signed-in user", async () => {
    expect((await api.request("GET", "/v1/users/me/notifications")).status).toBe(403)
    expect((await api.request("PUT", "/v1/users/me/notifications", { language: "en" })).status).toBe(403)
  })
})
