import { createHash } from "node:crypto"
import { existsSync, readFileSync, readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { ReportContents } from "@coordina/app"
import { isoDate } from "@coordina/domain"
import { ProjectsRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminToken, startTestApp, type TestApp } from "../testing/TestApp.js"

const fixtures = join(import.meta.dirname, "../testing/evidence")
/** Real files of every allowed type (made by Chromium, ImageMagick and libheif), with the type their bytes have. */
const allowed: ReadonlyArray<readonly [string, string, string]> = [
  ["agenda.pdf", "application/pdf", "agenda"],
  ["photo.jpeg", "image/jpeg", "photo"],
  ["scan.png", "image/png", "sign_in_sheet"],
  ["scan.tiff", "image/tiff", "sign_in_sheet"],
  ["scan.webp", "image/webp", "photo"],
  ["photo.heic", "image/heic", "photo"],
]
const limit = 20_000
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

type Body = Record<string, unknown>

describe.each(testDatabases())("evidence files on $name", (db) => {
  let api: TestApp
  let projectId: string
  let eventId: string
  let activityId: string

  const upload = (path: string, file: Uint8Array, name: string, type: string, kind?: string) => {
    const form = new FormData()
    if (kind) form.append("kind", kind)
    form.append("file", new Blob([file], { type }), name)
    return Promise.resolve(
      api.app.request(path, {
        method: "POST",
        headers: { Authorization: `Bearer ${adminToken}` },
        body: form,
      }),
    )
  }
  /** How much is kept: evidence rows, file rows, and (on SQLite) files on disk. */
  const stored = () =>
    api.run(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const count = (table: string) =>
          sql`SELECT COUNT(*) AS n FROM ${sql(table)}`.pipe(Effect.map((r) => Number(r[0]?.n)))
        return { evidence: yield* count("evidence"), files: yield* count("files") }
      }).pipe(Effect.orDie),
    )

  beforeAll(async () => {
    if (!db.available) return
    api = await startTestApp(db, { evidenceLimitBytes: limit })
    projectId = (
      await api.json<Body>("POST", "/v1/projects", {
        code: "EVID",
        title: "Evidence",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [],
      })
    ).body.id as string
    eventId = (
      await api.json<Body>("POST", "/v1/events", {
        projectId,
        kind: "regional_workshop",
        title: "Семинар",
        startDate: "2018-03-05",
        endDate: "2018-03-06",
        city: "София",
      })
    ).body.id as string
    activityId = (
      await api.json<Body>("POST", `/v1/projects/${projectId}/activities`, {
        code: "A2",
        title: "Workshops",
        plannedStart: "2018-02-01",
        plannedEnd: "2018-11-30",
        status: "in_progress",
        deliverables: [],
      })
    ).body.id as string
  })
  afterAll(() => api?.dispose())

  it.skipIf(!db.available)(
    "keeps a real file of every allowed type with its checksum, streams it back, and audits both",
    async () => {
      const ids: Array<string> = []
      for (const [name, type, kind] of allowed) {
        const bytes = new Uint8Array(readFileSync(join(fixtures, name)))
        // The declared type is ignored: the bytes say what the file is.
        const res = await upload(
          `/v1/events/${eventId}/evidence`,
          bytes,
          name,
          "application/octet-stream",
          kind,
        )
        const body = (await res.json()) as Body
        expect(res.status, `${name}: ${JSON.stringify(body)}`).toBe(201)
        expect(body).toMatchObject({
          projectId,
          attachedTo: `event:${eventId}`,
          kind,
          name,
          mediaType: type,
          size: bytes.length,
          sha256: sha256(bytes),
        })
        ids.push(body.id as string)
        const file = await api.request("GET", `/v1/evidence/${body.id}`)
        expect(file.status).toBe(200)
        expect(file.headers.get("content-type")).toBe(type)
        expect(file.headers.get("repr-digest")).toBe(
          `sha-256=:${Buffer.from(sha256(bytes), "hex").toString("base64")}:`,
        )
        expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(bytes))
      }
      const listed = await api.json<{ items: Array<Body> }>("GET", `/v1/events/${eventId}/evidence`)
      expect(listed.body.items.map((e) => e.id)).toEqual(ids)
      const audit = await api.json<{ items: Array<Body> }>("GET", `/v1/audit?entity=evidence:${ids[0]}`)
      expect(audit.body.items.map((e) => e.action).sort()).toEqual(["create", "download"])
    },
  )

  it.skipIf(!db.available)("refuses a renamed executable (415) and stores nothing", async () => {
    const before = await stored()
    const executable = new Uint8Array(readFileSync("/bin/true"))
    const res = await upload(`/v1/events/${eventId}/evidence`, executable, "photo.jpg", "image/jpeg", "photo")
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ code: "EvidenceTypeNotAllowed", detected: "application/x-elf" })
    const script = new TextEncoder().encode("#!/bin/sh\nrm -rf /\n")
    expect(
      (await upload(`/v1/events/${eventId}/evidence`, script, "agenda.pdf", "application/pdf")).status,
    ).toBe(415)
    expect(await stored()).toEqual(before)
  })

  it.skipIf(!db.available)(
    "refuses a file over the limit (413) as it streams, and stores nothing, not even on disk",
    async () => {
      const before = await stored()
      // Beside the SQLite file, where the disk storage keeps its files.
      const root = join(dirname(api.databaseUrl.replace(/^file:(\/\/)?/, "")), "files")
      const filesOnDisk = () =>
        existsSync(root)
          ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length
          : 0
      const diskBefore = db.name === "sqlite" ? filesOnDisk() : 0
      const pdf = readFileSync(join(fixtures, "agenda.pdf"))
      const oversize = new Uint8Array(Buffer.concat([pdf, Buffer.alloc(limit, 0x20)]))
      const res = await upload(
        `/v1/activities/${activityId}/evidence`,
        oversize,
        "big.pdf",
        "application/pdf",
      )
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ code: "EvidenceTooLarge", maxBytes: limit })
      expect(await stored()).toEqual(before)
      if (db.name === "sqlite") expect(filesOnDisk()).toBe(diskBefore)
    },
  )

  it.skipIf(!db.available)(
    "refuses a body that is not a multipart file (400), an unknown kind, and an unknown record (404)",
    async () => {
      expect((await api.request("POST", `/v1/events/${eventId}/evidence`, { file: "x" })).status).toBe(400)
      const pdf = new Uint8Array(readFileSync(join(fixtures, "agenda.pdf")))
      expect(
        (await upload(`/v1/events/${eventId}/evidence`, pdf, "a.pdf", "application/pdf", "video")).status,
      ).toBe(400)
      expect((await upload("/v1/events/evt_none/evidence", pdf, "a.pdf", "application/pdf")).status).toBe(404)
      expect((await api.request("GET", "/v1/evidence/evd_none")).status).toBe(404)
    },
  )

  it.skipIf(!db.available)(
    "lists an activity's files, and a report lists the period's files with their checksums",
    async () => {
      const pdf = new Uint8Array(readFileSync(join(fixtures, "agenda.pdf")))
      const res = await upload(
        `/v1/activities/${activityId}/evidence`,
        pdf,
        "дневен-ред.pdf",
        "text/plain",
        "agenda",
      )
      expect(res.status).toBe(201)
      const attached = (await res.json()) as Body
      const listed = await api.json<{ items: Array<Body> }>("GET", `/v1/activities/${activityId}/evidence`)
      expect(listed.body.items).toEqual([attached])
      const content = await api.run(
        Effect.gen(function* () {
          const project = yield* (yield* ProjectsRepository).get(projectId)
          const contents = yield* ReportContents
          return {
            inPeriod: yield* contents.compute(project, "interim", {
              start: isoDate("2018-01-01"),
              end: isoDate("2018-06-30"),
            }),
            after: yield* contents.compute(project, "interim", {
              start: isoDate("2018-12-01"),
              end: isoDate("2018-12-31"),
            }),
          }
        }).pipe(Effect.orDie),
      )
      expect(content.inPeriod.evidence).toContainEqual({
        id: attached.id,
        attachedTo: `activity:${activityId}`,
        kind: "agenda",
        fileName: "дневен-ред.pdf",
        mediaType: "application/pdf",
        size: pdf.length,
        sha256: sha256(pdf),
      })
      expect(content.inPeriod.evidence.filter((e) => e.attachedTo === `event:${eventId}`)).toHaveLength(
        allowed.length,
      )
      expect(content.after.evidence).toEqual([])
    },
  )

  it.skipIf(!db.available)(
    "streams an upload through Node's HTTP server as production runs it, and refuses an oversize one there too",
    async () => {
      const server = serve({ fetch: api.app.fetch, port: 0, hostname: "127.0.0.1" })
      await new Promise((resolve) => server.once("listening", resolve))
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      try {
        const send = (bytes: Uint8Array, name: string) => {
          const form = new FormData()
          form.append("kind", "sign_in_sheet")
          form.append("file", new Blob([bytes], { type: "application/pdf" }), name)
          return fetch(`${base}/v1/events/${eventId}/evidence`, {
            method: "POST",
            headers: { Authorization: `Bearer ${adminToken}` },
            body: form,
          })
        }
        const pdf = new Uint8Array(readFileSync(join(fixtures, "agenda.pdf")))
        const kept = await send(pdf, "scan.pdf")
        expect(kept.status).toBe(201)
        const body = (await kept.json()) as Body
        expect(body).toMatchObject({ size: pdf.length, sha256: sha256(pdf), kind: "sign_in_sheet" })
        const back = await fetch(`${base}/v1/evidence/${body.id}`, {
          headers: { Authorization: `Bearer ${adminToken}` },
        })
        expect(sha256(new Uint8Array(await back.arrayBuffer()))).toBe(sha256(pdf))
        const before = await stored()
        const big = new Uint8Array(Buffer.concat([pdf, Buffer.alloc(3 * limit, 0x20)]))
        const refused = await send(big, "big.pdf")
        expect(refused.status).toBe(413)
        expect(await stored()).toEqual(before)
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
    },
  )
})
