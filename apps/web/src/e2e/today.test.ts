/**
 * One today. At 23:30 UTC on 31 December it is already 1 January in Sofia: the API (its
 * `Today.fixed` clock), the worker (a daily job's period and its day, on a runtime of its own over
 * the same database and clock) and the web app in a browser whose own clock and zone say
 * 31 December all agree on 1 January.
 */
import { App, Today } from "@coordina/app"
import { TodayView } from "@coordina/domain"
import { JobRuns } from "@coordina/store"
import { dayIn, type Job, runDue } from "@coordina/worker"
import { Effect, ManagedRuntime, Schema } from "effect"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

const newYearsEveUtc = "2026-12-31T23:30:00.000Z"
const newYearsDay = "2027-01-01"
const zone = "Europe/Sofia"
const clock = () => Today.fixed(newYearsEveUtc, zone)

/** A daily job at midnight in the worker's zone: its period is the day that has just begun. */
const midnightJob: Job = {
  name: "one-today-check",
  cron: "0 0 * * *",
  periodOf: dayIn,
  run: () => Effect.void,
}

describe.skipIf(!browserAvailable)("one today at 23:30 UTC on 31 December, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    server = await startServer({ today: clock() })
    browser = await launchBrowser()
    // The browser's own clock and zone would say 31 December: the app must not listen to them.
    context = await browser.newContext({ timezoneId: "UTC" })
    page = await context.newPage()
    await page.clock.setFixedTime(new Date(newYearsEveUtc))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("the API says 1 January in Sofia", async () => {
    const today = Schema.decodeUnknownSync(TodayView)(await server.api("GET", "/v1/today"))
    expect(today).toEqual({ date: newYearsDay, zone, now: newYearsEveUtc })
  })

  it("the worker runs a daily job for 1 January, on the same clock and database", async () => {
    const worker = ManagedRuntime.make(
      App.layer({ databaseUrl: server.databaseUrl, timeZone: zone, today: clock() }),
    )
    try {
      const period = await worker.runPromise(
        Effect.gen(function* () {
          const today = yield* Today
          const now = new Date(yield* today.nowIso)
          expect(dayIn(now, today.zone)).toBe(newYearsDay)
          expect(yield* runDue(midnightJob, now, today.zone)).toBe("ran")
          const runs = yield* (yield* JobRuns).list(midnightJob.name)
          return runs.map((r) => r.period)
        }),
      )
      expect(period).toEqual([newYearsDay])
    } finally {
      await worker.dispose()
    }
  })

  it("the web app says 1 January, while the browser's clock says 31 December in UTC", async () => {
    expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe("2026-12-31")
    await signIn(page, server)
    await page.waitForURL(/\/projects/)
    await page.goto(`${server.url}/tasks/overdue`)
    await expect.poll(() => page.getByLabel("As of", { exact: true }).inputValue()).toBe(newYearsDay)
    await page.goto(`${server.url}/agreements/new`)
    await expect.poll(() => page.getByLabel("Date of the intent").inputValue()).toBe(newYearsDay)
  })
})
