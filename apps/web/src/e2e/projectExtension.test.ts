import { mkdirSync } from "node:fs"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

const shots = new URL("../../test-results/screenshots/", import.meta.url).pathname

describe.skipIf(!browserAvailable)("extending a project's period, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let projectId: string

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    server = await startServer()
    projectId = (
      await server.api<{ id: string }>("POST", "/v1/projects", {
        code: "EXT-2018",
        title: "Проект за удължаване",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [],
      })
    ).id
    browser = await launchBrowser()
    page = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("asks the months and a reason, says the new end, and extends", async () => {
    await signIn(page, server, "en")
    await page.waitForURL(/\/projects$/)
    await page.goto(`${server.url}/projects/${projectId}`)
    await page.getByRole("button", { name: "Extend the period" }).click()
    const dialog = page.getByRole("alertdialog", { name: "Extend the project period" })
    await page.getByRole("textbox", { name: /Months to add/ }).fill("3")
    await page.getByRole("textbox", { name: /Months to add/ }).blur()
    await expect
      .poll(() => dialog.textContent())
      .toContain("will end on 31 March 2019 instead of 31 December 2018")

    // Without a reason nothing is sent.
    await dialog.getByRole("button", { name: "Extend", exact: true }).click()
    await expect.poll(() => dialog.textContent()).toMatch(/reason/i)
    const before = await server.api<{ extensions: unknown[] }>("GET", `/v1/projects/${projectId}`)
    expect(before.extensions).toEqual([])
    await page.screenshot({ path: `${shots}project-extend-dialog.png` })

    await dialog.getByRole("textbox", { name: /Reason/ }).fill("Решение на УО от 2018-11-20")
    await dialog.getByRole("button", { name: "Extend", exact: true }).click()
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "extended" }).textContent())
      .toContain("now ends on 31 March 2019")
    await expect.poll(() => page.getByTestId("project-period").textContent()).toContain("31 March 2019")
    const after = await server.api<{
      endDate: string
      extensions: Array<{ months: number; reason: string }>
    }>("GET", `/v1/projects/${projectId}`)
    expect(after).toMatchObject({
      endDate: "2019-03-31",
      extensions: [{ months: 3, reason: "Решение на УО от 2018-11-20" }],
    })
    await page.screenshot({ path: `${shots}project-extended.png` })
  })

  it("warns beside the dates of a new event outside the (extended) period, before saving", async () => {
    await page.goto(`${server.url}/projects/${projectId}/events`)
    await page.getByRole("button", { name: "New event" }).click()
    const form = page.getByRole("form", { name: "Create an event" })
    const start = form.getByLabel("Start date")
    await start.fill("2019-03-20")
    expect(await form.textContent()).not.toContain("outside the project period")
    await start.fill("2025-06-01")
    await expect
      .poll(() => form.textContent())
      .toContain("these dates are outside the project period (1 January 2018 – 31 March 2019)")
    await page.screenshot({ path: `${shots}event-outside-period.png` })
  })
})
