import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminToken, startTestApp, type TestApp } from "../testing/TestApp.js"

const password = "a long enough passphrase"
const anon = { Authorization: "" }

describe.each(testDatabases())("access API on $name", (db) => {
  let api: TestApp
  beforeAll(async () => {
    if (db.available) api = await startTestApp(db)
  })
  afterAll(() => api?.dispose())

  let counter = 0
  const createUser = async (roles: unknown = [{ role: "auditor" }]) => {
    const email = `user${counter++}@coordina.test`
    const res = await api.json("POST", "/v1/users", { email, displayName: "Test User", password, roles })
    expect(res.status).toBe(201)
    return { id: res.body.id as string, email }
  }
  const signIn = (email: string, pass = password, headers: Record<string, string> = {}, transport?: string) =>
    api.request(
      "POST",
      "/v1/sessions",
      { email, password: pass, ...(transport ? { transport } : {}) },
      {
        ...anon,
        "X-Forwarded-For": "192.0.2.1",
        ...headers,
      },
    )

  it.skipIf(!db.available)(
    "creates users without ever showing a password, and refuses weak ones",
    async () => {
      const weak = await api.json("POST", "/v1/users", {
        email: "w@x.bg",
        displayName: "W",
        password: "short",
        roles: [],
      })
      expect(weak.status).toBe(400)
      const res = await api.request("POST", "/v1/users", {
        email: "Ana@Sofia.bg",
        displayName: "Ana",
        password,
        roles: [{ role: "case_worker", municipalityIds: ["ins_sofia"] }],
      })
      const text = await res.text()
      expect(res.status).toBe(201)
      expect(text).not.toContain(password)
      expect(text).not.toContain("argon2")
      expect(JSON.parse(text)).toMatchObject({ email: "ana@sofia.bg", version: 1, disabled: false })
      const dup = await api.json("POST", "/v1/users", {
        email: "ana@sofia.bg",
        displayName: "A",
        password,
        roles: [],
      })
      expect(dup).toMatchObject({ status: 409, body: { existingId: JSON.parse(text).id } })
      const audit = await api.json<{ items: Array<{ after: Record<string, unknown> }> }>(
        "GET",
        `/v1/audit?entity=user:${JSON.parse(text).id}`,
      )
      expect(JSON.stringify(audit.body)).not.toContain(password)
      expect(audit.body.items[0]?.after).toMatchObject({ email: "ana@sofia.bg" })
    },
  )

  it.skipIf(!db.available)("signs in with a cookie and CSRF token, and signs out at once", async () => {
    const user = await createUser([{ role: "coordinator", projectIds: ["prj_x"] }])
    const res = await signIn(user.email)
    expect(res.status).toBe(201)
    const session = (await res.json()) as {
      csrfToken: string
      expiresAt: string
      token?: string
      user: { id: string }
    }
    expect(session.user.id).toBe(user.id)
    expect(session.token).toBeUndefined()
    const setCookie = res.headers.get("set-cookie") ?? ""
    expect(setCookie).toMatch(/^coordina_session=cs_/)
    expect(setCookie).toContain("HttpOnly")
    expect(setCookie).toContain("SameSite=Strict")
    expect(setCookie).not.toContain("Secure")
    const cookie = { ...anon, Cookie: setCookie.split(";")[0]! }

    const me = await api.request("GET", "/v1/sessions/current", undefined, cookie)
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ kind: "session", id: user.id, csrfToken: session.csrfToken })
    // A change with the cookie but without the CSRF token is refused.
    const noCsrf = await api.request("POST", "/v1/events", { projectId: "prj_x" }, cookie)
    expect(noCsrf.status).toBe(403)
    const wrongCsrf = await api.request("DELETE", "/v1/sessions/current", undefined, {
      ...cookie,
      "X-CSRF-Token": "nope",
    })
    expect(wrongCsrf.status).toBe(403)
    const out = await api.request("DELETE", "/v1/sessions/current", undefined, {
      ...cookie,
      "X-CSRF-Token": session.csrfToken,
    })
    expect(out.status).toBe(204)
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0")
    expect((await api.request("GET", "/v1/sessions/current", undefined, cookie)).status).toBe(401)
  })

  it.skipIf(!db.available)(
    "marks the cookie Secure and __Host- everywhere but plain-HTTP localhost",
    async () => {
      const user = await createUser()
      const res = await api.request(
        "POST",
        "http://coordina.example.org/v1/sessions",
        { email: user.email, password },
        { ...anon, "X-Forwarded-For": "192.0.2.9" },
      )
      expect(res.status).toBe(201)
      const setCookie = res.headers.get("set-cookie") ?? ""
      expect(setCookie).toMatch(/^__Host-coordina_session=/)
      expect(setCookie).toContain("Secure")
    },
  )

  it.skipIf(!db.available)(
    "gives a bearer session token on request; the token works until sign-out",
    async () => {
      const user = await createUser()
      const res = await signIn(user.email, password, {}, "bearer")
      const { token } = (await res.json()) as { token: string }
      expect(res.headers.get("set-cookie")).toBeNull()
      const bearer = { Authorization: `Bearer ${token}` }
      expect((await api.request("GET", "/v1/audit", undefined, bearer)).status).toBe(200)
      // An auditor changes nothing.
      expect((await api.request("POST", "/v1/projects", {}, bearer)).status).toBe(403)
      expect((await api.request("DELETE", "/v1/sessions/current", undefined, bearer)).status).toBe(204)
      expect((await api.request("GET", "/v1/audit", undefined, bearer)).status).toBe(401)
    },
  )

  it.skipIf(!db.available)("answers wrong credentials with 401 saying nothing about which part", async () => {
    const user = await createUser()
    const wrongPassword = await signIn(user.email, "not the password at all", {
      "X-Forwarded-For": "192.0.2.50",
    })
    const noSuchUser = await signIn("nobody@coordina.test", password, { "X-Forwarded-For": "192.0.2.50" })
    expect(wrongPassword.status).toBe(401)
    expect(noSuchUser.status).toBe(401)
    const [a, b] = [
      (await wrongPassword.json()) as { detail: string },
      (await noSuchUser.json()) as { detail: string },
    ]
    expect(a.detail).toBe(b.detail)
  })

  it.skipIf(!db.available)("throttles an account after ten failures with 429 and Retry-After", async () => {
    const user = await createUser()
    for (let i = 0; i < 10; i++) {
      const res = await signIn(user.email, "wrong password here", { "X-Forwarded-For": `198.51.100.${i}` })
      expect(res.status).toBe(401)
    }
    const blocked = await signIn(user.email, password, { "X-Forwarded-For": "198.51.100.200" })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(blocked.headers.get("content-type")).toContain("application/problem+json")
  })

  it.skipIf(!db.available)("throttles an address after a hundred failures across accounts", async () => {
    const address = { "X-Forwarded-For": "203.0.113.7" }
    for (let i = 0; i < 100; i++) {
      const res = await signIn(`ghost${i}@coordina.test`, "wrong password here", address)
      expect(res.status).toBe(401)
    }
    const user = await createUser()
    expect((await signIn(user.email, password, address)).status).toBe(429)
    expect((await signIn(user.email, password, { "X-Forwarded-For": "203.0.113.8" })).status).toBe(201)
  })

  it.skipIf(!db.available)(
    "changes users only with a current If-Match; disabling ends their sessions",
    async () => {
      const user = await createUser()
      const token = ((await (await signIn(user.email, password, {}, "bearer")).json()) as { token: string })
        .token
      const patch = (headers: Record<string, string>, body: unknown) =>
        api.request("PATCH", `/v1/users/${user.id}`, body, headers)
      expect((await patch({}, { disabled: true })).status).toBe(428)
      expect((await patch({ "If-Match": "soon" }, { disabled: true })).status).toBe(400)
      const ok = await patch({ "If-Match": "1" }, { disabled: true })
      expect(ok.status).toBe(200)
      expect(await ok.json()).toMatchObject({ disabled: true, version: 2 })
      const stale = await patch({ "If-Match": "1" }, { disabled: false })
      expect(stale.status).toBe(409)
      expect(await stale.json()).toMatchObject({ currentVersion: 2 })
      expect(
        (await api.request("GET", "/v1/audit", undefined, { Authorization: `Bearer ${token}` })).status,
      ).toBe(401)
      expect((await signIn(user.email)).status).toBe(401)
    },
  )

  it.skipIf(!db.available)("resets a password: the old one and the old sessions stop working", async () => {
    const user = await createUser()
    const token = ((await (await signIn(user.email, password, {}, "bearer")).json()) as { token: string })
      .token
    const reset = await api.json("POST", `/v1/users/${user.id}/password`, {
      password: "another long passphrase",
    })
    expect(reset.status).toBe(200)
    expect(
      (await api.request("GET", "/v1/audit", undefined, { Authorization: `Bearer ${token}` })).status,
    ).toBe(401)
    expect((await signIn(user.email)).status).toBe(401)
    expect((await signIn(user.email, "another long passphrase")).status).toBe(201)
  })

  it.skipIf(!db.available)(
    "shows an API key once, lists it without the key, and revokes it at once",
    async () => {
      const created = await api.json<{ id: string; key: string }>("POST", "/v1/api-keys", {
        name: "Sofia case system",
        scopes: ["audit:read"],
      })
      expect(created.status).toBe(201)
      expect(created.body.key).toMatch(/^ck_/)
      const bearer = { Authorization: `Bearer ${created.body.key}` }
      expect((await api.request("GET", "/v1/audit", undefined, bearer)).status).toBe(200)
      const forbidden = await api.request("GET", "/v1/projects", undefined, bearer)
      expect(forbidden.status).toBe(403)
      expect(await forbidden.json()).toMatchObject({ requiredScope: "projects:read" })
      const list = await api.request("GET", "/v1/api-keys")
      expect(await list.text()).not.toContain(created.body.key)
      const who = await api.json("GET", "/v1/sessions/current")
      expect(who.body).toMatchObject({ kind: "admin-token" })
      const whoKey = await api.request("GET", "/v1/sessions/current", undefined, bearer)
      expect(await whoKey.json()).toMatchObject({ kind: "api-key", scopes: ["audit:read"] })
      expect((await api.json("DELETE", `/v1/api-keys/${created.body.id}`)).status).toBe(200)
      expect((await api.request("GET", "/v1/audit", undefined, bearer)).status).toBe(401)
      expect((await api.json("DELETE", "/v1/api-keys/key_nope")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "refuses to create an API key that has already expired, naming expiresAt",
    async () => {
      const created = await api.json<{ status: number; errors: Array<{ path: string }> }>(
        "POST",
        "/v1/api-keys",
        {
          name: "Old",
          scopes: ["audit:read"],
          expiresAt: "2020-01-01T00:00:00Z",
        },
      )
      expect(created.status).toBe(422)
      expect(created.body.errors).toEqual([
        { path: "expiresAt", message: expect.stringMatching(/has passed/) },
      ])
      const later = await api.json("POST", "/v1/api-keys", {
        name: "Later",
        scopes: ["audit:read"],
        expiresAt: "2099-01-01T00:00:00Z",
      })
      expect(later.status).toBe(201)
    },
  )

  it.skipIf(!db.available)(
    "checks at most ten of 40 parallel wrong passwords for one account; the rest wait (429)",
    async () => {
      const user = await createUser()
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          signIn(user.email, `wrong password number ${i}`, { "X-Forwarded-For": `198.18.0.${i}` }),
        ),
      )
      const statuses = answers.map((r) => r.status)
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10)
      expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(40)
      for (const r of answers.filter((r) => r.status === 429))
        expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0)
      // The right password waits as well until the window has passed.
      expect((await signIn(user.email, password, { "X-Forwarded-For": "198.18.1.1" })).status).toBe(429)
    },
  )

  it.skipIf(!db.available)(
    "refuses passwords that are easy to guess or built from the user's own email, with 422 naming password",
    async () => {
      const email = `maria.ivanova${counter++}@coordina.test`
      for (const weak of ["aaaaaaaaaaaa", "password1234", " ".repeat(12), email]) {
        const res = await api.json<{ errors: Array<{ path: string; message: string }> }>(
          "POST",
          "/v1/users",
          {
            email,
            displayName: "Мария Иванова",
            password: weak,
            roles: [],
          },
        )
        expect(res.status, JSON.stringify(weak)).toBe(422)
        expect(res.body.errors).toEqual([
          { path: "password", message: expect.stringMatching(/too easy to guess/) },
        ])
      }
      const user = await createUser()
      const reset = await api.json<{ errors: Array<{ path: string }> }>(
        "POST",
        `/v1/users/${user.id}/password`,
        {
          password: user.email,
        },
      )
      expect(reset.status).toBe(422)
      expect(reset.body.errors[0]!.path).toBe("password")
      expect((await signIn(user.email)).status).toBe(201)
    },
  )

  it.skipIf(!db.available)(
    "throttles wrong bearer tokens per address (429 with Retry-After), even the admin token, and only there",
    async () => {
      const from = (address: string, token: string) =>
        api.request("GET", "/v1/audit", undefined, {
          Authorization: `Bearer ${token}`,
          "X-Forwarded-For": address,
        })
      // A right token first: the pass it earns (remembered for a second) must not outlive the wrong ones.
      expect((await from("198.19.0.1", adminToken)).status).toBe(200)
      for (let i = 0; i < 20; i++) expect((await from("198.19.0.1", `ck_guess${i}`)).status).toBe(401)
      const throttled = await from("198.19.0.1", "ck_guess21")
      expect(throttled.status).toBe(429)
      expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0)
      expect((await from("198.19.0.1", adminToken)).status).toBe(429)
      expect((await from("198.19.0.2", adminToken)).status).toBe(200)
    },
  )

  it.skipIf(!db.available)(
    "checks at most 20 of 40 parallel wrong bearer tokens from one address, each refused alike",
    async () => {
      const from = (address: string, token: string) =>
        api.request("GET", "/v1/audit", undefined, {
          Authorization: `Bearer ${token}`,
          "X-Forwarded-For": address,
        })
      // Session-shaped and key-shaped guesses: each kind of token is looked up its own way.
      const guesses = Array.from({ length: 40 }, (_, i) => (i % 2 ? `ck_burst${i}` : `cs_burst${i}`))
      // The admin token's pass of the throttle (remembered for a second) lets no guess skip it.
      expect((await from("198.19.1.1", adminToken)).status).toBe(200)
      const answers = await Promise.all(guesses.map((token) => from("198.19.1.1", token)))
      const statuses = answers.map((r) => r.status)
      expect(statuses.filter((s) => s === 401)).toHaveLength(20)
      expect(statuses.filter((s) => s === 429)).toHaveLength(20)
      const refusals = answers.filter((r) => r.status === 401)
      const bodies = new Set(await Promise.all(refusals.map((r) => r.text())))
      expect(bodies.size).toBe(1)
      expect(new Set(refusals.map((r) => r.headers.get("WWW-Authenticate")))).toEqual(
        new Set(['Bearer realm="coordina"']),
      )
      await Promise.all(answers.filter((r) => r.status === 429).map((r) => r.body?.cancel()))
      // A burst of valid tokens from another address never counts against it.
      const valid = await Promise.all(Array.from({ length: 30 }, () => from("198.19.1.2", adminToken)))
      expect(valid.map((r) => r.status)).toEqual(Array(30).fill(200))
      await Promise.all(valid.map((r) => r.body?.cancel()))
      expect((await from("198.19.1.2", "ck_single")).status).toBe(401)
    },
  )

  it.skipIf(!db.available)("queries the audit log by entity, actor and action with a cursor", async () => {
    const user = await createUser()
    await api.request("PATCH", `/v1/users/${user.id}`, { displayName: "Renamed" }, { "If-Match": "1" })
    const page = await api.json<{ items: Array<{ action: string; actor: string }>; nextCursor: string }>(
      "GET",
      `/v1/audit?entity=user:${user.id}&limit=1`,
    )
    expect(page.body.items.map((e) => e.action)).toEqual(["create"])
    const next = await api.json<{ items: Array<{ action: string; before: unknown }> }>(
      "GET",
      `/v1/audit?entity=user:${user.id}&cursor=${page.body.nextCursor}`,
    )
    expect(next.body.items[0]).toMatchObject({ action: "update", before: { displayName: "Test User" } })
    const byActor = await api.json<{ items: Array<{ actor: string }> }>(
      "GET",
      "/v1/audit?actor=admin-token&action=update",
    )
    expect(byActor.body.items.every((e) => e.actor === "admin-token")).toBe(true)
  })

  it.skipIf(!db.available)(
    "replays a POST with the same Idempotency-Key and refuses another body with 422",
    async () => {
      const body = { email: "idem@coordina.test", displayName: "Idem", password, roles: [] }
      const first = await api.request("POST", "/v1/users", body, { "Idempotency-Key": "abc-1" })
      const again = await api.request("POST", "/v1/users", body, { "Idempotency-Key": "abc-1" })
      expect(first.status).toBe(201)
      expect(again.status).toBe(201)
      expect(again.headers.get("idempotent-replayed")).toBe("true")
      expect(await again.json()).toEqual(await first.json())
      const list = await api.json<{ items: Array<{ email: string }> }>("GET", "/v1/users?limit=500")
      expect(list.body.items.filter((u) => u.email === "idem@coordina.test")).toHaveLength(1)
      const other = await api.request(
        "POST",
        "/v1/users",
        { ...body, displayName: "Other" },
        { "Idempotency-Key": "abc-1" },
      )
      expect(other.status).toBe(422)
    },
  )

  it.skipIf(!db.available)("shows the retention policy and answers a dry run with counts only", async () => {
    const policy = await api.json<{ policy: Array<{ category: string }> }>("GET", "/v1/retention")
    expect(policy.body.policy.map((r) => r.category)).toContain("participant_personal")
    const dry = await api.json("POST", "/v1/retention/dry-run", { asOf: "2099-01-01" })
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ asOf: "2099-01-01", dryRun: true })
    expect((dry.body.counts as Record<string, number>).login_attempts).toBeGreaterThan(0)
    // Nothing was deleted: the attempts are all still counted.
    const again = await api.json("POST", "/v1/retention/dry-run", { asOf: "2099-01-01" })
    expect(again.body.counts).toEqual(dry.body.counts)
  })
})
