/**
 * Funder reports and the plan in Chromium, on the demo data a newcomer gets from `pnpm start`:
 * the flagship's interim (Dec 2017 – Jun 2018) and final reports are ready to download once the
 * worker has run; a report generated from the Reports tab shows the worker's progress until it
 * is ready, its PDF and XLSX download byte for byte as stored, submitting it locks its period; the
 * plan shows A1–A6 against the project period and flags one the server finds outside it. The worker is a runtime of its own over the same
 * database, as in production.
 */
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { loadDemo } from "@coordina/api"
import { App, ReportJobs } from "@coordina/app"
import { ReportList, type ReportView } from "@coordina/domain"
import { Effect, ManagedRuntime, Schema } from "effect"
import type { Browser, Locator, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  adminToken,
  browserAvailable,
  launchBrowser,
  request,
  signIn,
  startServer,
  type TestServer,
} from "./harness.js"

const zone = "Europe/Sofia"
const shots = resolve(import.meta.dirname, "../../test-results/e2e")

/** A worker's runtime of its own over the server's database, as the worker process builds it. */
const workerOver = (databaseUrl: string) => ManagedRuntime.make(App.layer({ databaseUrl, timeZone: zone }))

describe.skipIf(!browserAvailable)("funder reports and the plan, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let worker: ReturnType<typeof workerOver>
  let projectId: string
  let running = true
  let loop: Promise<void>
  /** A pause after each generation step, so the browser sees the progress move. */
  let stepDelayMs = 0

  const reports = async () =>
    Schema.decodeUnknownSync(ReportList)(await server.api("GET", `/v1/projects/${projectId}/reports`)).items

  /** Generates queued reports until stopped, as the worker process's loop does. */
  const runWorker = async () => {
    while (running) {
      const did = await worker.runPromise(
        Effect.flatMap(ReportJobs, (jobs) =>
          jobs.runNext({ worker: "e2e-worker", leaseSeconds: 30, maxAttempts: 3, stepDelayMs }),
        ),
      )
      if (!did) await new Promise((r) => setTimeout(r, 150))
    }
  }

  /** Clicks a download button in `scope` and answers the file's bytes and suggested name. */
  const download = async (scope: Locator, name: string) => {
    const pending = page.waitForEvent("download")
    await scope.getByRole("button", { name, exact: true }).click()
    const file = await pending
    return { bytes: readFileSync((await file.path()) as string), name: file.suggestedFilename() }
  }

  const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")

  beforeAll(async () => {
    server = await startServer()
    worker = workerOver(server.databaseUrl)
    expect(await worker.runPromise(loadDemo)).toBe(true)
    const projects = await server.api<{ items: Array<{ id: string; code: string }> }>("GET", "/v1/projects")
    projectId = projects.items.find((p) => p.code === "COORD-MECH-2017")?.id as string
    loop = runWorker()
    browser = await launchBrowser()
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })
    await signIn(page, server, "en")
    await page.waitForURL(/\/projects$/)
    mkdirSync(shots, { recursive: true })
  })
  afterAll(async () => {
    running = false
    await loop
    await browser?.close()
    await worker?.dispose()
    await server?.stop()
  })

  it("shows the demo's interim report for Dec 2017 – Jun 2018 and its final report, ready to download", async () => {
    await expect
      .poll(async () => (await reports()).map((g) => [g.kind, g.versions[0]?.status]), { timeout: 60_000 })
      .toEqual(
        expect.arrayContaining([
          ["interim", "ready"],
          ["final", "ready"],
        ]),
      )
    await page.goto(`${server.url}/projects/${projectId}/reports`)
    const interim = page.getByRole("region", {
      name: "Interim report, 1 December 2017 – 30 June 2018 (Bulgarian)",
    })
    await expect.poll(() => interim.getByRole("cell", { name: "Ready" }).count()).toBe(1)
    const final = page.getByRole("region", { name: /^Final report, 1 December 2017 – / })
    await expect.poll(() => final.getByRole("cell", { name: "Ready" }).count()).toBe(1)
    const stored = (await reports()).find((g) => g.kind === "interim")?.versions[0] as ReportView
    const pdf = await download(interim, "Download PDF of version 1")
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect(sha256(pdf.bytes)).toBe(stored.files?.find((f) => f.format === "pdf")?.sha256)
    const finalXlsx = await download(final, "Download XLSX of version 1")
    expect(finalXlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK")
  })

  it("refuses a period that ends before it starts, beside the field it names", async () => {
    await page.goto(`${server.url}/projects/${projectId}/reports`)
    const form = page.getByRole("form", { name: "Generate a report" })
    await form.getByRole("textbox", { name: "Period from" }).fill("2018-07-01")
    await form.getByRole("textbox", { name: "Period to" }).fill("2018-05-31")
    await form.getByRole("button", { name: "Generate" }).click()
    const end = form.getByRole("textbox", { name: "Period to" })
    await expect.poll(() => end.getAttribute("aria-invalid")).toBe("true")
    expect(await form.getByRole("textbox", { name: "Period from" }).getAttribute("aria-invalid")).toBeNull()
  })

  it("generates a report with a live progress bar, then downloads its PDF and XLSX as stored", async () => {
    stepDelayMs = 400
    await page.goto(`${server.url}/projects/${projectId}/reports`)
    const form = page.getByRole("form", { name: "Generate a report" })
    await form.getByRole("textbox", { name: "Period from" }).fill("2018-07-01")
    await form.getByRole("textbox", { name: "Period to" }).fill("2018-12-31")
    await form.getByRole("button", { name: /Language/ }).click()
    await page.getByRole("option", { name: "English" }).click()
    await form.getByRole("button", { name: "Generate" }).click()
    // The bar follows the worker: some value between the start and the end is seen on the way.
    const bar = page.getByRole("progressbar", { name: "Generation progress" }).first()
    const seen = new Set<number>()
    await expect
      .poll(
        async () => {
          const now = await bar.getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null)
          if (now !== null) seen.add(Number(now))
          return [...seen].some((v) => v > 0 && v < 100)
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true)
    await page.screenshot({ path: resolve(shots, "reports-progress.png"), fullPage: true })
    await expect
      .poll(() => page.getByTestId("generated-report").getByRole("status").textContent(), { timeout: 60_000 })
      .toBe("Version 1 is ready to download.")
    stepDelayMs = 0
    const group = page.getByRole("region", {
      name: "Interim report, 1 July 2018 – 31 December 2018 (English)",
    })
    await expect.poll(() => group.getByRole("cell", { name: "Ready" }).count()).toBe(1)
    const stored = (await reports()).find((g) => g.periodStart === "2018-07-01")?.versions[0] as ReportView
    const pdf = await download(group, "Download PDF of version 1")
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect(sha256(pdf.bytes)).toBe(stored.files?.find((f) => f.format === "pdf")?.sha256)
    const xlsx = await download(group, "Download XLSX of version 1")
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK")
    expect(sha256(xlsx.bytes)).toBe(stored.files?.find((f) => f.format === "xlsx")?.sha256)
    expect(xlsx.name).toMatch(/\.xlsx$/)
  })

  it("submits the version, shows its period locked, and lets the admin unlock it with a reason", async () => {
    const group = page.getByRole("region", {
      name: "Interim report, 1 July 2018 – 31 December 2018 (English)",
    })
    await group.getByRole("button", { name: "Submit version 1" }).click()
    const confirm = page.getByRole("alertdialog", { name: "Submit this version to the funder?" })
    // The dialog names the consequence before anything is locked.
    expect(await confirm.textContent()).toContain(
      "Submitting locks the project's records dated 1 July 2018 – 31 December 2018",
    )
    await confirm.getByRole("textbox", { name: "Note (optional)" }).fill("Signed by the coordinator")
    await confirm.getByRole("button", { name: "Submit and lock the period" }).click()
    const locks = page.getByRole("region", { name: "Locked periods" })
    const lockRow = locks.getByRole("row", { name: /1 July 2018 – 31 December 2018/ })
    await expect.poll(() => lockRow.getByRole("cell", { name: "Locked", exact: true }).count()).toBe(1)
    // The server no longer offers submission of the submitted version.
    await expect.poll(() => group.getByRole("button", { name: "Submit version 1" }).count()).toBe(0)
    expect(await group.getByText("Signed by the coordinator").count()).toBe(1)
    const [lock] = (
      await server.api<{ items: Array<{ status: string; periodStart: string }> }>(
        "GET",
        `/v1/projects/${projectId}/locks`,
      )
    ).items.filter((l) => l.periodStart === "2018-07-01")
    expect(lock?.status).toBe("locked")
    await page.screenshot({ path: resolve(shots, "reports-locked.png"), fullPage: true })

    await lockRow.getByRole("button", { name: "Unlock 1 July 2018 – 31 December 2018" }).click()
    const unlock = page.getByRole("alertdialog", { name: "Unlock this period?" })
    expect(await unlock.textContent()).toContain(
      "Every change made while it is unlocked is recorded as a revision",
    )
    await unlock.getByRole("button", { name: "Unlock the period" }).click()
    // No reason, no unlock: the dialog asks for one and the lock holds.
    await expect
      .poll(() => unlock.getByRole("textbox", { name: /Why it is unlocked/ }).getAttribute("aria-invalid"))
      .toBe("true")
    await unlock.getByRole("textbox", { name: /Why it is unlocked/ }).fill("A participant was missing")
    await unlock.getByRole("button", { name: "Unlock the period" }).click()
    await expect.poll(() => lockRow.getByRole("cell", { name: "Unlocked", exact: true }).count()).toBe(1)
    expect(await lockRow.getByRole("cell", { name: "A participant was missing" }).count()).toBe(1)
    expect(await lockRow.getByRole("button", { name: /^Unlock / }).count()).toBe(0)
  })

  it("saves a schedule, and shows a bad cron expression's problem beside its field", async () => {
    await page.goto(`${server.url}/projects/${projectId}/reports`)
    const form = page.getByRole("form", { name: "Schedules" })
    await form.getByRole("button", { name: "Add a schedule" }).click()
    const cron = form.getByRole("textbox", { name: "Cron expression" })
    await cron.fill("61 6 1 1,7 *")
    await form.getByRole("button", { name: "Save schedules" }).click()
    await expect.poll(() => cron.getAttribute("aria-invalid")).toBe("true")
    expect(await form.getByRole("textbox", { name: "Time zone" }).getAttribute("aria-invalid")).toBeNull()
    const refused = await server.api<{ schedules: unknown[] }>(
      "GET",
      `/v1/projects/${projectId}/report-schedules`,
    )
    expect(refused.schedules).toEqual([])
    await cron.fill("0 6 1 1,7 *")
    await form.getByRole("button", { name: "Save schedules" }).click()
    await expect.poll(() => form.getByRole("status").textContent()).toBe("The schedules were saved.")
    expect(
      (await server.api<{ schedules: unknown[] }>("GET", `/v1/projects/${projectId}/report-schedules`))
        .schedules,
    ).toEqual([
      { kind: "interim", cron: "0 6 1 1,7 *", timeZone: "Europe/Sofia", period: "previous_half_year" },
    ])
  })

  it("speaks Bulgarian", async () => {
    await page.goto(`${server.url}/projects/${projectId}/reports`)
    await page.evaluate(() => localStorage.setItem("coordina.language", "bg"))
    await page.reload()
    await expect.poll(() => page.getByRole("heading", { name: "Изготвяне на отчет" }).count()).toBe(1)
    expect(
      await page
        .getByRole("region", { name: "Междинен отчет, 1 декември 2017 г. – 30 юни 2018 г. (Български)" })
        .count(),
    ).toBe(1)
    expect(await page.getByRole("link", { name: "План" }).count()).toBe(1)
    await page.evaluate(() => localStorage.setItem("coordina.language", "en"))
  })

  it("shows the plan's A1–A6 against the project period", async () => {
    await page.goto(`${server.url}/projects/${projectId}/plan`)
    const table = page.getByRole("table", { name: "The plan as a table" })
    await expect
      .poll(() => table.getByRole("rowheader").allTextContents())
      .toEqual(["A1", "A2", "A3", "A4", "A5", "A6"])
    const timeline = page.getByTestId("plan-timeline")
    // The chart draws once its container has a size: wait for the axis, then read its labels.
    await expect
      .poll(() =>
        timeline.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents(),
      )
      .toEqual(["A1", "A2", "A3", "A4", "A5", "A6"])
    // Planned spans for all six, actual spans for the five that started.
    await expect.poll(() => timeline.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(11)
    await page.screenshot({ path: resolve(shots, "plan-timeline.png"), fullPage: true })
    expect(await page.getByTestId("plan-outside").count()).toBe(0)

    // A4 now planned past the project's end: the server flags it, and the page shows its flag.
    const plan = await server.api<{ items: Array<{ id: string; code: string; version: number }> }>(
      "GET",
      `/v1/projects/${projectId}/activities`,
    )
    const a4 = plan.items.find((a) => a.code === "A4") as { id: string; version: number }
    const moved = await request(
      server,
      "PATCH",
      `/v1/activities/${a4.id}`,
      { Authorization: `Bearer ${adminToken}`, "If-Match": `"${a4.version}"` },
      { plannedEnd: "2019-06-30" },
    )
    expect(moved).toMatchObject({ status: 200, body: { outsideProjectPeriod: true } })
    await page.reload()
    await expect
      .poll(() => page.getByTestId("plan-outside").textContent())
      .toContain("1 activity lies outside the project period.")
    expect(
      await table.getByRole("row", { name: /^A4 / }).getByText("Outside the project period").count(),
    ).toBe(1)
    expect(await table.getByText("Outside the project period").count()).toBe(1)
    await page.screenshot({ path: resolve(shots, "plan-outside.png"), fullPage: true })
  })
})
