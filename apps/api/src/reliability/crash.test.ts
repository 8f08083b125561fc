/**
 * kill -9 under concurrent writes, on SQLite and PostgreSQL: the real API process (bundled as
 * production runs it) takes writes from several concurrent writers (people, and whole sign-in
 * sheets), is killed with SIGKILL mid-stream, and is started again on the same database. Every
 * write the API acknowledged must be there, and every sheet import must be there whole or not at
 * all. The counts are logged.
 *
 * `CRASH_ROUNDS` (default 3) and `CRASH_WRITERS` (default 6) change the run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { testDatabases } from "@coordina/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiProcess, bundleApi, startApiProcess } from "../testing/ApiProcess.js"

const rounds = Number(process.env.CRASH_ROUNDS ?? 3)
const writers = Number(process.env.CRASH_WRITERS ?? 6)
const sheetRows = 40
const adminToken = "crash-test-admin-token-0123456789abcdef"

const call = async (
  api: ApiProcess,
  method: string,
  path: string,
  body?: string,
  type = "application/json",
) => {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": type },
    ...(body === undefined ? {} : { body }),
  })
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> }
}

const must = async (api: ApiProcess, method: string, path: string, body: unknown) => {
  const res = await call(api, method, path, JSON.stringify(body))
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

const sheet = (tag: string, institutionId: string) =>
  [
    "given_name,family_name,email,gender,institution_id,institution_name,role,days",
    ...Array.from({ length: sheetRows }, (_, i) => `Crash${tag},Row${i},,,${institutionId},,participant,all`),
  ].join("\n")

interface Ledger {
  /** People whose creation the API acknowledged (201), by id. */
  readonly people: Array<string>
  /** Events whose sheet was sent, and whether the API acknowledged the import. */
  readonly imports: Array<{ eventId: string; acknowledged: boolean }>
  sent: number
}

/** One writer: people and sheet imports, one after another, until the API stops answering. */
const writer = async (api: ApiProcess, w: number, round: number, ledger: Ledger, ids: Setup) => {
  for (let i = 0; ; i++) {
    try {
      if (i % 4 === 3) {
        const event = await call(
          api,
          "POST",
          "/v1/events",
          JSON.stringify({
            projectId: ids.projectId,
            kind: "regional_workshop",
            title: `Crash ${round}-${w}-${i}`,
            startDate: "2018-03-01",
            endDate: "2018-03-01",
            city: "София",
            planningRegion: "BG41",
          }),
        )
        if (event.status !== 201) return
        const eventId = event.body.id as string
        const entry = { eventId, acknowledged: false }
        ledger.imports.push(entry)
        ledger.sent++
        const res = await call(
          api,
          "POST",
          `/v1/events/${eventId}/sign-in-sheet`,
          sheet(`${round}x${w}x${i}`, ids.institutionId),
          "text/csv",
        )
        if (res.status >= 300) return
        entry.acknowledged = true
      } else {
        ledger.sent++
        const res = await call(
          api,
          "POST",
          "/v1/people",
          JSON.stringify({
            givenName: `Crash${round}w${w}`,
            familyName: `Person${i}`,
            institutionId: ids.institutionId,
          }),
        )
        if (res.status !== 201) return
        ledger.people.push(res.body.id as string)
      }
    } catch {
      // The connection broke: the process is gone.
      return
    }
  }
}

// One bundle for both databases.
let bundled: string | undefined
const bundleOnce = () => {
  bundled ??= bundleApi("coordina-crash-server")
  return bundled
}

interface Setup {
  readonly projectId: string
  readonly institutionId: string
}

describe.each(testDatabases())("kill -9 of the API under concurrent writes on $name", (db) => {
  let bundle: string
  let databaseUrl: string
  let dir: string | undefined

  beforeAll(async () => {
    if (!db.available) return
    bundle = bundleOnce()
    if (db.name === "sqlite") {
      dir = mkdtempSync(join(tmpdir(), "coordina-crash-"))
      databaseUrl = `file:${join(dir, "crash.db")}`
    } else databaseUrl = await db.freshUrl()
  }, 300_000)
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it.skipIf(!db.available)(
    "keeps every acknowledged write and imports no sheet in part",
    async () => {
      let api = await startApiProcess(bundle, { databaseUrl, adminToken })
      const setup: Setup = {
        projectId: (
          await must(api, "POST", "/v1/projects", {
            code: "CRASH",
            title: "Crash test",
            startDate: "2018-01-01",
            durationMonths: 24,
            targets: [{ indicator: "direct", value: 10 }],
          })
        ).id as string,
        institutionId: (
          await must(api, "POST", "/v1/institutions", {
            name: "Община Срив",
            kind: "municipality",
            level: "local",
            country: "BG",
            planningRegion: "BG41",
            province: "BG411",
          })
        ).id as string,
      }
      const ledger: Ledger = { people: [], imports: [], sent: 0 }
      const log: Array<string> = []
      for (let round = 0; round < rounds; round++) {
        const before = { people: ledger.people.length, imports: ledger.imports.length, sent: ledger.sent }
        const running = Array.from({ length: writers }, (_, w) => writer(api, w, round, ledger, setup))
        // Kill once writes are flowing, at a different moment each round.
        const deadline = Date.now() + 60_000
        while (ledger.people.length - before.people < 20 + round * 15 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20))
        await api.kill()
        await Promise.all(running)
        api = await startApiProcess(bundle, { databaseUrl, adminToken })
        log.push(
          `round ${round + 1}: ${ledger.sent - before.sent} writes sent, ` +
            `${ledger.people.length - before.people} people acknowledged, ` +
            `${ledger.imports.length - before.imports} sheets sent ` +
            `(${ledger.imports.slice(before.imports).filter((i) => i.acknowledged).length} acknowledged)`,
        )
      }

      const missing: Array<string> = []
      for (let i = 0; i < ledger.people.length; i += 100) {
        const ids = ledger.people.slice(i, i + 100)
        const found = await call(api, "GET", `/v1/people?ids=${ids.join(",")}&limit=500`)
        const present = new Set(((found.body.items ?? []) as Array<{ id: string }>).map((p) => p.id))
        missing.push(...ids.filter((id) => !present.has(id)))
      }
      const partial: Array<string> = []
      const lost: Array<string> = []
      let whole = 0
      for (const entry of ledger.imports) {
        const res = await call(api, "GET", `/v1/events/${entry.eventId}/participations?limit=500`)
        const count = ((res.body.items ?? []) as Array<unknown>).length
        if (count !== 0 && count !== sheetRows) partial.push(`${entry.eventId}: ${count} of ${sheetRows}`)
        if (entry.acknowledged && count !== sheetRows) lost.push(entry.eventId)
        if (count === sheetRows) whole++
      }
      await api.stop()
      console.log(
        [
          `kill -9 on ${db.name}: ${rounds} rounds, ${writers} writers, ${ledger.sent} writes sent, ` +
            `${ledger.people.length} people acknowledged (${missing.length} missing), ` +
            `${ledger.imports.length} sheet imports of ${sheetRows} rows (${whole} whole, ${partial.length} partial, ` +
            `${lost.length} acknowledged but lost)`,
          ...log.map((l) => `  ${l}`),
        ].join("\n"),
      )
      expect(ledger.people.length).toBeGreaterThan(rounds * 20)
      expect(missing).toEqual([])
      expect(partial).toEqual([])
      expect(lost).toEqual([])
    },
    600_000,
  )
})
