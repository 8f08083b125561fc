/**
 * The write side of the policy for the integration-agreements family: every write of the family,
 * by every kind of caller, once on records of the caller's own scope and once on records of
 * another scope. A route's family right is not enough: each write checks the scope of every
 * record it names (the beneficiary, the offer and its municipality, the agreement, the task).
 * Another scope's records answer exactly as missing ones (404), except a municipality, which is
 * public and so answers 403.
 */
import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

type Json = Record<string, unknown> & { id: string }
type Role = "admin" | "auditor" | "coordinator" | "caseWorker" | "institutionUser" | "integrator"
type Scope = "own" | "foreign"

/** The records one scope holds: a case in a municipality whose plan addresses an institution. */
interface Case {
  readonly municipalityId: string
  readonly beneficiaryId: string
  readonly offerId: string
  readonly intentId: string
  readonly matched: ReadonlyArray<string>
  readonly active: ReadonlyArray<string>
  readonly openTasks: ReadonlyArray<string>
  readonly acceptedTask: string
}

interface Write {
  readonly name: string
  readonly kind: "beneficiary" | "record" | "intent" | "offer" | "task"
  readonly call: (c: Case) => {
    method: string
    path: string
    body: unknown
    headers?: Record<string, string>
  }
}

const writes: ReadonlyArray<Write> = [
  {
    name: "POST /v1/beneficiaries",
    kind: "beneficiary",
    call: () => ({
      method: "POST",
      path: "/v1/beneficiaries",
      body: {
        statusKind: "refugee",
        statusDecisionDate: "2019-03-01",
        familyMembers: 0,
        personal: { givenName: "Matrix", familyName: "Case" },
      },
    }),
  },
  {
    name: "POST /v1/agreements (the beneficiary)",
    kind: "record",
    call: (c) => ({
      method: "POST",
      path: "/v1/agreements",
      body: { beneficiaryId: c.beneficiaryId, intentDate: "2019-04-01" },
    }),
  },
  {
    name: "POST /v1/municipal-offers (the municipality)",
    kind: "offer",
    call: (c) => ({
      method: "POST",
      path: "/v1/municipal-offers",
      body: { municipalityId: c.municipalityId, date: "2019-01-10", capacity: 1, plannedAreas: [] },
    }),
  },
  {
    name: "POST /v1/agreements/{id}/match (the agreement, the offer)",
    kind: "intent",
    call: (c) => ({
      method: "POST",
      path: `/v1/agreements/${c.intentId}/match`,
      body: { offerId: c.offerId, date: "2019-03-20" },
    }),
  },
  {
    name: "POST /v1/agreements/{id}/conclude",
    kind: "record",
    call: (c) => ({
      method: "POST",
      path: `/v1/agreements/${c.matched[0]}/conclude`,
      body: { date: "2019-04-01", signedBy: "Кмет" },
    }),
  },
  {
    name: "POST /v1/agreements/{id}/close",
    kind: "record",
    call: (c) => ({
      method: "POST",
      path: `/v1/agreements/${c.matched[1]}/close`,
      body: { date: "2019-04-01", reason: "withdrawn" },
    }),
  },
  {
    name: "PUT /v1/agreements/{id}/plan",
    kind: "record",
    call: (c) => ({
      method: "PUT",
      path: `/v1/agreements/${c.matched[2]}/plan`,
      body: { measures: [] },
      headers: { "If-Match": "0" },
    }),
  },
  {
    name: "POST /v1/agreements/{id}/extend",
    kind: "record",
    call: (c) => ({
      method: "POST",
      path: `/v1/agreements/${c.active[0]}/extend`,
      body: { date: "2020-03-01" },
    }),
  },
  {
    name: "POST /v1/agreements/{id}/terminate",
    kind: "record",
    call: (c) => ({
      method: "POST",
      path: `/v1/agreements/${c.active[1]}/terminate`,
      body: { ground: "death", date: "2019-06-01", initiator: "mayor" },
    }),
  },
  {
    name: "POST /v1/tasks/{id}/accept",
    kind: "task",
    call: (c) => ({
      method: "POST",
      path: `/v1/tasks/${c.openTasks[0]}/accept`,
      body: { date: "2019-04-02" },
    }),
  },
  {
    name: "POST /v1/tasks/{id}/reject",
    kind: "task",
    call: (c) => ({
      method: "POST",
      path: `/v1/tasks/${c.openTasks[1]}/reject`,
      body: { reason: "no capacity", date: "2019-04-02" },
    }),
  },
  {
    name: "POST /v1/tasks/{id}/complete",
    kind: "task",
    call: (c) => ({
      method: "POST",
      path: `/v1/tasks/${c.acceptedTask}/complete`,
      body: { outcome: "done", date: "2019-04-03" },
    }),
  },
]

const ok = "2xx"
/** The answer each role gets for each kind of write, on its own scope's records and on another's. */
const expected = (role: Role, kind: Write["kind"], scope: Scope): typeof ok | 403 | 404 => {
  switch (role) {
    case "admin":
    case "integrator":
      return ok
    case "auditor":
    case "coordinator":
      return 403
    case "institutionUser":
      return kind !== "task" ? 403 : scope === "own" ? ok : 404
    case "caseWorker":
      // An unmatched intent belongs to no municipality yet: matching is SAR's (admin, integrator).
      if (kind === "intent") return 404
      if (scope === "own" || kind === "beneficiary") return ok
      return kind === "offer" ? 403 : 404
  }
}

describe.each(testDatabases())("the write-side scopes of the agreements family on $name", (db) => {
  let api: TestApp
  const headers: Partial<Record<Role, Record<string, string>>> = {}
  const municipalities: Record<Scope, string> = { own: "", foreign: "" }
  const institutions: Record<Scope, string> = { own: "", foreign: "" }

  const must = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await api.request(method, path, body, extra)
    const json = (await res.json()) as Json
    if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`)
    return json
  }

  const institution = async (name: string, kind: string) =>
    (await must("POST", "/v1/institutions", { name, kind, level: "local", country: "BG" })).id

  /** A fresh case of one scope, made by the admin, with every record a write can name. */
  const caseIn = async (scope: Scope): Promise<Case> => {
    const municipalityId = municipalities[scope]
    const beneficiary = async () =>
      (
        await must("POST", "/v1/beneficiaries", {
          statusKind: "refugee",
          statusDecisionDate: "2019-03-01",
          familyMembers: 0,
          personal: { givenName: "Matrix", familyName: "Case" },
        })
      ).id
    const offerId = (
      await must("POST", "/v1/municipal-offers", {
        municipalityId,
        date: "2019-01-10",
        capacity: 20,
        plannedAreas: [],
      })
    ).id
    const intent = async () =>
      (await must("POST", "/v1/agreements", { beneficiaryId: await beneficiary(), intentDate: "2019-03-15" }))
        .id
    const matched = async () => {
      const id = await intent()
      await must("POST", `/v1/agreements/${id}/match`, { offerId, date: "2019-03-20" })
      return id
    }
    const concluded = async () => {
      const id = await matched()
      await must("POST", `/v1/agreements/${id}/conclude`, { date: "2019-04-01", signedBy: "Кмет" })
      return id
    }
    const withScopedBeneficiary = await matched()
    const planned = await matched()
    const plan = await must(
      "PUT",
      `/v1/agreements/${planned}/plan`,
      {
        date: "2019-04-01",
        measures: ["employment", "health", "education"].map((area) => ({
          area,
          responsibleInstitutionId: institutions[scope],
          dueDate: "2019-06-28",
        })),
      },
      { "If-Match": "0" },
    )
    const tasks = (plan.tasks as Array<{ id: string }>).map((t) => t.id)
    await must("POST", `/v1/tasks/${tasks[2]}/accept`, { date: "2019-04-02" })
    return {
      municipalityId,
      beneficiaryId: (await must("GET", `/v1/agreements/${withScopedBeneficiary}`)).beneficiaryId as string,
      offerId,
      intentId: await intent(),
      matched: [await matched(), await matched(), await matched()],
      active: [await concluded(), await concluded()],
      openTasks: [tasks[0]!, tasks[1]!],
      acceptedTask: tasks[2]!,
    }
  }

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    municipalities.own = await institution("Община Своя", "municipality")
    municipalities.foreign = await institution("Община Чужда", "municipality")
    institutions.own = await institution("Бюро по труда Свое", "state_authority")
    institutions.foreign = await institution("Бюро по труда Чуждо", "state_authority")
    const grants: Record<Exclude<Role, "admin" | "integrator">, unknown> = {
      auditor: [{ role: "auditor" }],
      coordinator: [{ role: "coordinator", projectIds: ["prj_elsewhere"] }],
      caseWorker: [{ role: "case_worker", municipalityIds: [municipalities.own] }],
      institutionUser: [{ role: "institution_user", institutionId: institutions.own }],
    }
    let n = 0
    for (const [role, roles] of Object.entries(grants)) {
      const email = `${role.toLowerCase()}@writes.test`
      const password = "a long matrix passphrase, 7 words"
      await must("POST", "/v1/users", { email, displayName: role, password, roles })
      const res = await api.request(
        "POST",
        "/v1/sessions",
        { email, password, transport: "bearer" },
        { Authorization: "", "X-Forwarded-For": `10.9.0.${++n}` },
      )
      headers[role as Role] = { Authorization: `Bearer ${((await res.json()) as { token: string }).token}` }
    }
    headers.admin = {}
    const key = await must("POST", "/v1/api-keys", {
      name: "matrix integrator",
      scopes: ["agreements:write", "tasks:write"],
    })
    headers.integrator = { Authorization: `Bearer ${key.key as string}` }
  }, 120_000)
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "answers every write of every role on records of its own and of another scope as the policy says",
    async () => {
      const failures: Array<string> = []
      const roles: ReadonlyArray<Role> = [
        "admin",
        "auditor",
        "coordinator",
        "caseWorker",
        "institutionUser",
        "integrator",
      ]
      for (const role of roles)
        for (const scope of ["own", "foreign"] as const) {
          const records = await caseIn(scope)
          for (const write of writes) {
            const { method, path, body, headers: extra = {} } = write.call(records)
            const res = await api.request(method, path, body, { ...extra, ...headers[role] })
            const want = expected(role, write.kind, scope)
            const got = res.status >= 200 && res.status < 300 ? ok : res.status
            if (got !== want)
              failures.push(`${write.name} as ${role} on ${scope} records: ${res.status}, expected ${want}`)
          }
        }
      expect(failures).toEqual([])
    },
    180_000,
  )

  it.skipIf(!db.available)(
    "answers another municipality's beneficiary exactly as a missing one, so no intent is an oracle",
    async () => {
      const foreign = await caseIn("foreign")
      const declare = async (beneficiaryId: string) => {
        const res = await api.request(
          "POST",
          "/v1/agreements",
          { beneficiaryId, intentDate: "2019-04-01" },
          headers.caseWorker,
        )
        const problem = (await res.json()) as Record<string, unknown>
        return { status: res.status, ...problem, beneficiaryId: "…", detail: "…" }
      }
      expect(await declare(foreign.beneficiaryId)).toEqual(await declare("bnf_does_not_exist"))
      expect((await declare(foreign.beneficiaryId)).status).toBe(404)
    },
    60_000,
  )

  it.skipIf(!db.available)("lists a case worker's municipalities' offers only", async () => {
    await caseIn("own")
    await caseIn("foreign")
    const list = await api.request("GET", "/v1/municipal-offers?limit=500", undefined, headers.caseWorker)
    const items = ((await list.json()) as { items: Array<{ municipalityId: string }> }).items
    expect(items.length).toBeGreaterThan(0)
    expect(new Set(items.map((o) => o.municipalityId))).toEqual(new Set([municipalities.own]))
    const asked = await api.request(
      "GET",
      `/v1/municipal-offers?municipalityId=${municipalities.foreign}`,
      undefined,
      headers.caseWorker,
    )
    expect(((await asked.json()) as { items: unknown[] }).items).toEqual([])
  })
})
