/**
 * A schema-derived fuzz test of every operation in the OpenAPI document, on SQLite and on
 * PostgreSQL: random requests drawn from each operation's own schemas (honest and hostile,
 * fast-check with a fixed seed) against an API holding the demo data. Every answer must be
 * below 500, every refusal an RFC 9457 problem, and a refused request must leave every table's
 * row count as it was. The counts are logged.
 *
 * `FUZZ_RUNS` (requests per operation and database, default 60: 140 operations make 8,400 requests per database) and `FUZZ_SEED` change the run.
 */
import { testDatabases } from "@coordina/store/testing"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { loadDemo } from "../demo/Demo.js"
import { type RowCounts, rowCounts, tableNames } from "../testing/RowCounts.js"
import { startTestApp, type TestApp } from "../testing/TestApp.js"
import {
  type FuzzRequest,
  type JsonSchema,
  KnownIds,
  type Operation,
  operationsOf,
  requestsFor,
  SchemaArbitraries,
} from "./RequestArbitrary.js"

const runs = Number(process.env.FUZZ_RUNS ?? 60)
const seed = Number(process.env.FUZZ_SEED ?? 20261201)

// A refused sign-in or bearer token is counted on purpose (the throttles' records of failed
// attempts, and the lock rows they are counted under); so is a public registration attempt
// (its per-address limit), and the key that signs registration proofs is made on first use.
const writtenOnRefusal = new Set([
  "login_attempts",
  "throttle_locks",
  "token_failures",
  "registration_attempts",
  "registration_keys",
])

interface Finding {
  readonly operation: string
  readonly request: FuzzRequest
  readonly status: number
  readonly problem: string
}

const idsOfList = async (api: TestApp, path: string, field = "id"): Promise<Array<string>> => {
  const res = await api.json<{ items?: Array<Record<string, unknown>> }>("GET", `${path}?limit=500`)
  return (res.body.items ?? []).map((i) => i[field]).filter((v): v is string => typeof v === "string")
}

/** Ids of records that exist, so random requests get past "not found" to the rules behind it. */
const existingIds = async (api: TestApp): Promise<KnownIds> => {
  await api.json("POST", "/v1/users", {
    email: "fuzz.user@example.org",
    displayName: "Fuzz User",
    password: "a long and unusual passphrase 4711",
    roles: [{ role: "auditor" }],
  })
  await api.json("POST", "/v1/api-keys", { name: "fuzz key", scopes: ["projects:read"] })
  const kinds = [
    "projects",
    "institutions",
    "people",
    "events",
    "dissemination-activities",
    "users",
    "api-keys",
    "municipal-offers",
    "agreements",
    "tasks",
    "procedures",
  ]
  const lists = await Promise.all(kinds.map((k) => idsOfList(api, `/v1/${k}`)))
  const byKind: Record<string, ReadonlyArray<string>> = Object.fromEntries(
    // A few of each kind is enough, and keeps requests spread over records.
    kinds.map((k, i) => [k, lists[i]!.slice(0, 8)]),
  )
  byKind.beneficiaries = (await idsOfList(api, "/v1/agreements", "beneficiaryId")).slice(0, 8)
  return new KnownIds(byKind)
}

const changedTables = (before: RowCounts, after: RowCounts): Array<string> =>
  Object.keys(after).filter((t) => !writtenOnRefusal.has(t) && before[t] !== after[t])

const describeRequest = (r: FuzzRequest) => {
  const body =
    r.body === undefined ? "" : typeof r.body === "string" ? r.body.slice(0, 300) : `<${r.body.length} bytes>`
  return `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers)} ${body}`
}

/** One line per kind of finding (operation, status, what went wrong), with a count and an example. */
const grouped = (findings: ReadonlyArray<Finding>): Array<string> => {
  const groups = new Map<string, { count: number; example: Finding }>()
  for (const f of findings) {
    const key = `${f.operation} ${f.status}: ${f.problem.replace(/:.*/s, "")}`
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { count: 1, example: f })
  }
  return [...groups.entries()].map(
    ([key, g]) =>
      `${key} (×${g.count})\n    e.g. ${describeRequest(g.example.request)}\n    ${g.example.problem.slice(0, 200)}`,
  )
}

describe.each(testDatabases())("fuzzing every operation of the OpenAPI document on $name", (db) => {
  let api: TestApp
  let operations: ReadonlyArray<Operation>
  let schemas: SchemaArbitraries
  let ids: KnownIds
  let tables: ReadonlyArray<string>

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db)
    await api.run(loadDemo)
    const doc = (await api.json<Parameters<typeof operationsOf>[0]>("GET", "/openapi.json")).body
    operations = operationsOf(doc)
    ids = await existingIds(api)
    schemas = new SchemaArbitraries(
      (doc as { components?: { schemas?: Record<string, JsonSchema> } }).components?.schemas ?? {},
      ids,
    )
    tables = await api.run(tableNames)
  }, 300_000)
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "answers no 5xx, refuses only with problem+json, and a refusal changes no row",
    async () => {
      const findings: Array<Finding> = []
      const statuses = new Map<number, number>()
      const perOperation: Array<string> = []
      let counts = await api.run(rowCounts(tables))
      let sent = 0
      let refused = 0
      const started = Date.now()
      for (const [index, op] of operations.entries()) {
        const name = `${op.method} ${op.path}`
        const requests = fc.sample(requestsFor(op, schemas, ids), { numRuns: runs, seed: seed + index })
        const here = new Map<number, number>()
        for (const request of requests) {
          const res = await api.request(request.method, request.path, request.body, request.headers)
          const text = await res.text()
          sent++
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          here.set(res.status, (here.get(res.status) ?? 0) + 1)
          const after = await api.run(rowCounts(tables))
          const finding = (problem: string) =>
            findings.push({ operation: name, request, status: res.status, problem })
          if (res.status >= 500) finding(`answered ${res.status}: ${text.slice(0, 300)}`)
          if (res.status >= 400) {
            refused++
            if (!res.headers.get("content-type")?.includes("application/problem+json"))
              finding(`refused with ${res.headers.get("content-type")}, not problem+json`)
            const changed = changedTables(counts, after)
            if (changed.length > 0) finding(`refused but changed rows of ${changed.join(", ")}`)
          }
          counts = after
        }
        perOperation.push(
          `${name}: ${[...here.entries()]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(" ")}`,
        )
      }
      const total = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
      console.log(
        [
          `fuzz on ${db.name}: ${operations.length} operations, ${sent} requests (${runs} each, seed ${seed}), ` +
            `${refused} refused, ${findings.length} findings, ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `statuses: ${total.join(" ")}`,
          ...perOperation.map((l) => `  ${l}`),
        ].join("\n"),
      )
      expect(operations.length).toBeGreaterThan(60)
      expect(grouped(findings)).toEqual([])
    },
    900_000,
  )
})
