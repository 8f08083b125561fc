/**
 * Every route of the app against every kind of caller. A route answers a caller without rights
 * with 403 and names the family and access it needs; from that, a hand-written table says which
 * roles may use it. A route without a policy fails here (it answers something other than 403).
 */
import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Right = "w" | "r" | "-"
type Family =
  | "projects"
  | "institutions"
  | "people"
  | "events"
  | "dissemination"
  | "reach"
  | "reports"
  | "procedures"
  | "beneficiaries"
  | "agreements"
  | "tasks"
  | "review"
  | "audit"
  | "users"
  | "api-keys"
  | "retention"
  | "privacy"
  | "calendar"
  | "period-locks"
  | "webhooks"

const all = (right: Right, except: Partial<Record<Family, Right>> = {}) =>
  new Proxy(except, { get: (t, k) => (t as Record<string, Right>)[k as string] ?? right }) as Record<
    Family,
    Right
  >

// The access policy, written out: what each role may do with each family.
const table: Record<string, Record<Family, Right>> = {
  admin: all("w"),
  auditor: all("r", { privacy: "-", webhooks: "-" }),
  coordinator: all("-", {
    projects: "r",
    institutions: "w",
    people: "w",
    events: "w",
    dissemination: "w",
    reach: "r",
    reports: "w",
    review: "r",
  }),
  case_worker: all("-", {
    institutions: "r",
    procedures: "r",
    beneficiaries: "w",
    agreements: "w",
    tasks: "w",
  }),
  institution_user: all("-", { institutions: "r", procedures: "r", tasks: "w" }),
}

const roles: Record<string, unknown> = {
  admin: [{ role: "admin" }],
  auditor: [{ role: "auditor" }],
  coordinator: [{ role: "coordinator", projectIds: ["prj_mine"] }],
  case_worker: [{ role: "case_worker", municipalityIds: ["ins_mine"] }],
  institution_user: [{ role: "institution_user", institutionId: "ins_mine" }],
}

const allScopes = [
  "projects",
  "institutions",
  "people",
  "events",
  "dissemination",
  "reach",
  "agreements",
  "tasks",
  "reports",
  "audit",
].map((f) => `${f}:write`)

// Routes open to anyone, without a token at all.
const publicWithoutToken = [
  "GET /v1/public/evaluations/:token",
  "POST /v1/public/evaluations/:token",
  "PUT /v1/public/evaluations/:token",
]

// Routes open without rights: signing in, the caller's own session, today's date, and the
// working calendar every deadline is counted on (read by every signed-in caller; changed by
// admins only).
const publicRoutes = new Set([
  "POST /v1/sessions",
  "GET /v1/sessions/current",
  "DELETE /v1/sessions/current",
  "GET /v1/today",
  "GET /v1/calendar/decisions",
  // The search box: what it looks in follows the caller's rights, decided in the domain.
  "GET /v1/search",
  // A signed-in user's own notification preferences (no other user's: there is no id in the path).
  "GET /v1/users/me/notifications",
  "PUT /v1/users/me/notifications",
  // Public event registration: no account, and no personal data in any answer.
  "GET /v1/public/events/:file{[^/]+\\.ics}",
  "GET /v1/public/events/:id",
  "POST /v1/public/events/:id/registrations",
  "DELETE /v1/public/registrations/:token",
  // A participant's evaluation link: the token in the path is the credential.
  ...publicWithoutToken,
  // Anyone may check a certificate's code (initials only, throttled by address).
  "GET /v1/certificates/:code",
])

/** Routes answered without any token at all. */
const anonymousRoutes = new Set(["POST /v1/sessions", "GET /v1/certificates/:code"])

const sqlite = testDatabases().find((d) => d.name === "sqlite")!

describe("the policy of every route for every caller", () => {
  let api: TestApp
  const bearer: Record<string, Record<string, string>> = {}
  let routes: Array<{ method: string; path: string; url: string }> = []

  beforeAll(async () => {
    api = await startTestApp(sqlite)
    const signIn = async (name: string, userRoles: unknown) => {
      const email = `${name}@policy.test`
      const password = "policy test passphrase"
      expect(
        (await api.json("POST", "/v1/users", { email, displayName: name, password, roles: userRoles }))
          .status,
      ).toBe(201)
      const res = await api.request(
        "POST",
        "/v1/sessions",
        { email, password, transport: "bearer" },
        {
          Authorization: "",
          "X-Forwarded-For": `10.1.1.${Object.keys(bearer).length}`,
        },
      )
      bearer[name] = { Authorization: `Bearer ${((await res.json()) as { token: string }).token}` }
    }
    for (const [name, userRoles] of Object.entries(roles)) await signIn(name, userRoles)
    await signIn("nobody", [])
    const key = async (scopes: ReadonlyArray<string>) =>
      ((await api.json("POST", "/v1/api-keys", { name: "integrator", scopes })).body as { key: string }).key
    bearer.integrator = { Authorization: `Bearer ${await key(allScopes)}` }
    bearer.unscopedIntegrator = { Authorization: `Bearer ${await key([])}` }
    bearer.adminToken = {}
    const seen = new Set<string>()
    routes = api.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/v1/"))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      .map((r) => ({
        method: r.method,
        path: r.path,
        // A parameter with a pattern such as `:file{[^/]+\\.pdf}` keeps its suffix.
        url: r.path.replace(/:[^/{]+\{[^}]*\\\.(\w+)\}/g, "zz_unknown.$1").replace(/:[^/]+/g, "zz_unknown"),
      }))
  })
  afterAll(() => api.dispose())

  const call = (route: { method: string; url: string }, headers: Record<string, string>) =>
    api.request(route.method, route.url, route.method === "GET" ? undefined : {}, headers)

  it("finds the routes of every resource", () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`)
    for (const expected of [
      "POST /v1/users",
      "GET /v1/audit",
      "DELETE /v1/api-keys/:id",
      "POST /v1/people/:id/erasure",
      "POST /v1/reports/:id/submit",
      "GET /v1/projects/:id/locks",
      "POST /v1/projects/:id/locks/:lockId/unlock",
      "GET /v1/projects/:id/revisions",
      "POST /v1/events/:id/evidence",
      "GET /v1/events/:id/evidence",
      "POST /v1/activities/:id/evidence",
      "GET /v1/activities/:id/evidence",
      "GET /v1/evidence/:id",
      "GET /v1/sign-in-sheets/template",
    ])
      expect(paths).toContain(expected)
    expect(routes.length).toBeGreaterThan(15)
  })

  it("refuses every route to a caller without a token (401), public sign-in aside", async () => {
    for (const route of routes) {
      if (route.method === "POST" && route.path === "/v1/sessions") continue
      if (route.path.startsWith("/v1/public/")) continue
      if (publicWithoutToken.includes(`${route.method} ${route.path}`)) continue
      if (anonymousRoutes.has(`${route.method} ${route.path}`)) continue
      const res = await call(route, { Authorization: "" })
      expect(res.status, `${route.method} ${route.path}`).toBe(401)
    }
  })

  it("gives every non-public route a policy, and each role exactly the rights of the table", async () => {
    const failures: Array<string> = []
    for (const route of routes) {
      const name = `${route.method} ${route.path}`
      if (publicRoutes.has(name)) continue
      const refused = await call(route, bearer.nobody!)
      const problem = (await refused.json()) as {
        family?: Family
        access?: "read" | "write"
        requiredScope?: string
      }
      if (refused.status !== 403 || !problem.family || !problem.access) {
        failures.push(
          `${name}: a user without roles got ${refused.status}; the route declares no requires(family, access)`,
        )
        continue
      }
      const { family, access } = problem
      for (const [role, rights] of Object.entries(table)) {
        const allowed = rights[family] === "w" || (rights[family] === "r" && access === "read")
        const status = (await call(route, bearer[role]!)).status
        if (allowed ? status === 403 || status === 401 : status !== 403)
          failures.push(
            `${name} (${family}:${access}) as ${role}: ${status}, expected ${allowed ? "allowed" : "403"}`,
          )
      }
      const adminToken = (await call(route, bearer.adminToken!)).status
      if (adminToken === 401 || adminToken === 403) failures.push(`${name} as the admin token: ${adminToken}`)
      const keyStatus = (await call(route, bearer.integrator!)).status
      const keyAllowed = problem.requiredScope !== undefined
      if (keyAllowed ? keyStatus === 403 || keyStatus === 401 : keyStatus !== 403)
        failures.push(
          `${name} as an integrator with every scope: ${keyStatus}, expected ${keyAllowed ? "allowed" : "403"}`,
        )
      const unscoped = (await call(route, bearer.unscopedIntegrator!)).status
      if (unscoped !== 403)
        failures.push(`${name} as an integrator without scopes: ${unscoped}, expected 403`)
    }
    expect(failures).toEqual([])
  })

  it("answers the caller's own session routes to every signed-in caller", async () => {
    for (const who of ["nobody", "auditor", "integrator", "unscopedIntegrator", "adminToken"])
      for (const path of ["/v1/sessions/current", "/v1/today"])
        expect((await api.request("GET", path, undefined, bearer[who]!)).status, `${who} ${path}`).toBe(200)
  })

  it("gives every signed-in user, whatever their roles, their own notification preferences, and callers who are no user 403", async () => {
    for (const who of ["nobody", "auditor"])
      expect(
        (await api.request("GET", "/v1/users/me/notifications", undefined, bearer[who]!)).status,
        who,
      ).toBe(200)
    for (const who of ["integrator", "unscopedIntegrator", "adminToken"])
      expect(
        (await api.request("GET", "/v1/users/me/notifications", undefined, bearer[who]!)).status,
        who,
      ).toBe(403)
  })

  it("lets every signed-in caller read the working calendar, and only admins change it", async () => {
    for (const who of Object.keys(bearer))
      expect((await api.request("GET", "/v1/calendar/decisions", undefined, bearer[who]!)).status, who).toBe(
        200,
      )
    expect(
      (await api.request("GET", "/v1/calendar/decisions", undefined, { Authorization: "" })).status,
    ).toBe(401)
  })

  it("hides another coordinator's project as not found", async () => {
    const project = await api.json("POST", "/v1/projects", {
      code: "OTHER",
      title: "Someone else's",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [],
    })
    const id = project.body.id as string
    expect((await api.request("GET", `/v1/projects/${id}`, undefined, bearer.coordinator!)).status).toBe(404)
    expect((await api.request("GET", `/v1/projects/${id}`, undefined, bearer.auditor!)).status).toBe(200)
    const list = await api.request("GET", "/v1/projects", undefined, bearer.coordinator!)
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([])
  })

  it("hides another municipality's agreement and beneficiary as not found, and logs reads of personal data", async () => {
    const ok = async (method: string, path: string, body?: unknown) => {
      const res = await api.json(method, path, body)
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      return res.body
    }
    const municipality = (name: string) =>
      ok("POST", "/v1/institutions", { name, kind: "municipality", level: "local", country: "BG" })
    const mine = await municipality("Община Своя")
    const other = await municipality("Община Чужда")
    const email = "sofia.worker@policy.test"
    const password = "policy test passphrase"
    await ok("POST", "/v1/users", {
      email,
      displayName: "Case worker",
      password,
      roles: [{ role: "case_worker", municipalityIds: [mine.id] }],
    })
    const signedIn = await api.request(
      "POST",
      "/v1/sessions",
      { email, password, transport: "bearer" },
      {
        Authorization: "",
        "X-Forwarded-For": "10.2.2.2",
      },
    )
    const worker = { Authorization: `Bearer ${((await signedIn.json()) as { token: string }).token}` }
    const caseIn = async (municipalityId: unknown, givenName: string) => {
      const beneficiary = await ok("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate: "2018-01-05",
        familyMembers: 0,
        personal: { givenName, familyName: "Haddad" },
      })
      const offer = await ok("POST", "/v1/municipal-offers", {
        municipalityId,
        date: "2018-01-02",
        capacity: 5,
        plannedAreas: [],
      })
      const agreement = await ok("POST", "/v1/agreements", {
        beneficiaryId: beneficiary.id,
        intentDate: "2018-01-10",
      })
      await ok("POST", `/v1/agreements/${agreement.id}/match`, { offerId: offer.id, date: "2018-01-15" })
      return { beneficiaryId: beneficiary.id as string, agreementId: agreement.id as string }
    }
    const own = await caseIn(mine.id, "Ahmad")
    const foreign = await caseIn(other.id, "Omar")
    const get = (path: string, headers: Record<string, string>) =>
      api.request("GET", path, undefined, headers)

    expect((await get(`/v1/agreements/${foreign.agreementId}`, worker)).status).toBe(404)
    expect((await get(`/v1/beneficiaries/${foreign.beneficiaryId}`, worker)).status).toBe(404)
    expect((await get(`/v1/agreements/${own.agreementId}`, worker)).status).toBe(200)
    const seen = await get(`/v1/beneficiaries/${own.beneficiaryId}`, worker)
    expect(seen.status).toBe(200)
    expect(await seen.json()).toMatchObject({ personal: { givenName: "Ahmad" } })
    // An auditor sees the case, but not the personal data.
    const audited = await get(`/v1/beneficiaries/${own.beneficiaryId}`, bearer.auditor!)
    expect(audited.status).toBe(200)
    expect(((await audited.json()) as { personal?: unknown }).personal).toBeUndefined()
    const reads = await ok("GET", `/v1/audit?entity=beneficiary:${own.beneficiaryId}&action=read_personal`)
    expect((reads.items as Array<{ actor: string }>).length).toBeGreaterThanOrEqual(1)
    const listed = await get("/v1/agreements?limit=500", worker)
    const ids = ((await listed.json()) as { items: Array<{ id: string }> }).items.map((a) => a.id)
    expect(ids).toContain(own.agreementId)
    expect(ids).not.toContain(foreign.agreementId)
  })
})
