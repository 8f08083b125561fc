import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import axe from "axe-core"
import ExcelJS from "exceljs"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  adminToken,
  browserAvailable,
  launchBrowser,
  signIn,
  startServer,
  type TestServer,
} from "./harness.js"

const screenshots = resolve(import.meta.dirname, "../../test-results/screenshots")

/** The serious and critical findings of axe on the page as it is now. */
const axeFindings = async (page: Page) => {
  // Evaluated through the DevTools protocol, which the API's content security policy allows.
  await page.evaluate(axe.source)
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }),
  )
  // axe ran its rules on this page: something passed, so "no violation" is a finding.
  expect(results.passes.length).toBeGreaterThan(10)
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
}

describe.skipIf(!browserAvailable)("lists, exports and delivery of the SPA, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let projectId: string
  let eventId: string

  const shot = async (name: string) => {
    mkdirSync(screenshots, { recursive: true })
    await page.screenshot({ path: join(screenshots, `lists-${name}.png`), fullPage: true })
  }

  beforeAll(async () => {
    server = await startServer()
    const project = await server.api<{ id: string }>("POST", "/v1/projects", {
      code: "LISTS-2018",
      title: "Списъци и изтегляне",
      startDate: "2018-01-01",
      durationMonths: 12,
      targets: [{ indicator: "direct", value: 20 }],
    })
    projectId = project.id
    const institution = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Община Пловдив",
      kind: "municipality",
      level: "local",
      country: "BG",
      province: "BG421",
    })
    const event = await server.api<{ id: string }>("POST", "/v1/events", {
      projectId,
      kind: "regional_workshop",
      title: "Регионален семинар Пловдив",
      startDate: "2018-03-05",
      endDate: "2018-03-05",
      city: "Пловдив",
      planningRegion: "BG42",
    })
    eventId = event.id
    // 340 people, as many as the demo has; the first twelve attend the event.
    for (let i = 0; i < 340; i++) {
      const person = await server.api<{ id: string }>("POST", "/v1/people", {
        givenName: `Лице${String(i).padStart(3, "0")}`,
        familyName: "Тестово",
        institutionId: institution.id,
      })
      if (i < 12) {
        await server.api("POST", `/v1/events/${eventId}/participations`, {
          personId: person.id,
          role: "participant",
          status: "registered",
        })
        await server.api("PUT", `/v1/events/${eventId}/participations/${person.id}/attendance`, {
          days: ["2018-03-05"],
        })
      }
    }
    browser = await launchBrowser()
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1366, height: 900 } })
    await signIn(page, server, "en")
    await page.waitForURL(/\/projects$/)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("pages through 340 people with a count, forward and back", async () => {
    await page.goto(`${server.url}/people`)
    const count = page.getByTestId("pager-count")
    await expect.poll(() => count.textContent()).toBe("1–50 of 340")
    const next = page.getByRole("button", { name: "Next page" })
    for (let shown = 100; shown <= 300; shown += 50) {
      await next.click()
      await expect.poll(() => count.textContent()).toBe(`${shown - 49}–${shown} of 340`)
    }
    await next.click()
    await expect.poll(() => count.textContent()).toBe("301–340 of 340")
    expect(await next.isDisabled()).toBe(true)
    await expect.poll(() => page.getByRole("table").getByRole("link").count()).toBe(40)
    await page.getByRole("button", { name: "Previous page" }).click()
    await expect.poll(() => count.textContent()).toBe("251–300 of 340")
    // A search starts again from its own first page, with its own count.
    await page.getByRole("searchbox", { name: "Search by name" }).fill("litse00")
    await expect.poll(() => count.textContent()).toBe("1–10 of 10")
    await shot("people")
  })

  it("exports the explorer as XLSX with the screen's columns and typed cells", async () => {
    await page.goto(`${server.url}/projects/${projectId}/explorer?indicator=direct&asOf=2018-12-31`)
    await expect.poll(() => page.getByTestId("explorer-count").textContent()).toBe("12 people")
    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "Download XLSX" }).click()
    const file = await downloading
    expect(file.suggestedFilename()).toBe(`reach-${projectId}.xlsx`)
    const path = await file.path()
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, "Person", "Id", "Institution", "First contact", "Via"])
    expect(sheet.rowCount).toBe(13)
    const first = sheet.getRow(2).values as Array<unknown>
    expect(String(first[1])).toMatch(/^Лице0\d\d Тестово$/)
    expect(first[3]).toBe("Община Пловдив")
    expect(first[4]).toEqual(new Date("2018-03-05T00:00:00Z"))
    expect(first[5]).toBe("Регионален семинар Пловдив")
    await shot("explorer")
  })

  it("has no serious or critical axe finding on the list pages and the dashboard", async () => {
    const pages = [
      "/people",
      "/institutions",
      "/tasks",
      "/users",
      "/api-keys",
      `/projects/${projectId}`,
      `/projects/${projectId}/events`,
      `/projects/${projectId}/explorer?indicator=direct&asOf=2018-12-31`,
      `/events/${eventId}`,
    ]
    const findings: Record<string, ReadonlyArray<string>> = {}
    for (const path of pages) {
      await page.goto(server.url + path)
      await page.getByRole("heading", { level: 1 }).first().waitFor()
      await page.waitForLoadState("networkidle")
      const found = await axeFindings(page)
      if (found.length > 0) findings[path] = found
    }
    await shot("axe-last-page")
    expect(findings).toEqual({})
  })

  it("sends the main bundle precompressed, caches it for good, and keeps source maps private", async () => {
    const html = await (await fetch(`${server.url}/`)).text()
    const main = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(main).toBeDefined()
    const gz = await fetch(server.url + main, { headers: { "Accept-Encoding": "gzip" } })
    expect(gz.headers.get("content-encoding")).toBe("gzip")
    expect(gz.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
    // Node's fetch decodes the gzip body itself: what arrives is the whole bundle.
    expect((await gz.text()).length).toBeGreaterThan(100_000)
    const br = await fetch(server.url + main, { headers: { "Accept-Encoding": "br" } })
    expect(br.headers.get("content-encoding")).toBe("br")
    const map = await fetch(`${server.url}${main}.map`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    })
    expect(map.status).toBe(404)
    await page.goto(`${server.url}/people`)
    await page.getByRole("heading", { level: 1 }).waitFor()
    await shot("delivered")
  })
})
