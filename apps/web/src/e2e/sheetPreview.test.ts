import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

const header = "given_name,family_name,email,gender,institution_id,institution_name,role,days"
const screenshots = resolve(import.meta.dirname, "../../test-results/screenshots")

describe.skipIf(!browserAvailable)(
  "the sheet preview's reach reasons, the template and the project-period warning, in Chromium",
  () => {
    let server: TestServer
    let browser: Browser
    let page: Page
    let projectId: string
    let eventId: string
    let institutionId: string

    const shot = async (name: string) => {
      mkdirSync(screenshots, { recursive: true })
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
    }

    beforeAll(async () => {
      server = await startServer()
      const project = await server.api<{ id: string }>("POST", "/v1/projects", {
        code: "SHEET-PREVIEW",
        title: "Preview",
        startDate: "2018-01-01",
        durationMonths: 12,
        targets: [{ indicator: "direct", value: 10 }],
      })
      projectId = project.id
      institutionId = (
        await server.api<{ id: string }>("POST", "/v1/institutions", {
          name: "Община Пловдив",
          kind: "municipality",
          level: "local",
          country: "BG",
        })
      ).id
      eventId = (
        await server.api<{ id: string }>("POST", "/v1/events", {
          projectId,
          kind: "regional_workshop",
          title: "Семинар",
          startDate: "2018-03-05",
          endDate: "2018-03-05",
          city: "Пловдив",
        })
      ).id
      browser = await launchBrowser()
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      await signIn(page, server, "en")
      await page.waitForURL(/\/projects$/)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it("says in the preview which rows will not count toward reach, and why", async () => {
      await page.goto(`${server.url}/events/${eventId}`)
      const chooser = page.waitForEvent("filechooser")
      await page.getByRole("button", { name: "Choose a file" }).click()
      const csv = [
        header,
        `Maria,Petrova,,female,${institutionId},,participant,all`,
        `Georgi,Dimitrov,,male,${institutionId},,speaker,all`,
      ].join("\n")
      await (await chooser).setFiles({ name: "s.csv", mimeType: "text/csv", buffer: Buffer.from(csv) })
      await expect.poll(() => page.getByTestId("sheet-reach-3").textContent()).toContain("speakers")
      expect(await page.getByTestId("sheet-reach-2").textContent()).toBe("Counts")
      expect(await page.getByTestId("sheet-not-counted").textContent()).toBe(
        "1 row will not count toward direct reach.",
      )
      await shot("sheet-preview-not-counted")
    })

    it("downloads the template from the sheet upload", async () => {
      await page.goto(`${server.url}/events/${eventId}`)
      const file = page.waitForEvent("download")
      await page.getByRole("button", { name: "XLSX template" }).click()
      expect((await file).suggestedFilename()).toBe("sign-in-sheet-template-en.xlsx")
    })

    it("warns when an event created falls outside the project period, on creation, list and page", async () => {
      await page.goto(`${server.url}/projects/${projectId}/events`)
      await page.getByRole("button", { name: "New event" }).click()
      const form = page.getByRole("form", { name: "Create an event" })
      await form.getByRole("textbox", { name: "Title" }).fill("Seven years late")
      await form.getByRole("button", { name: /Kind/ }).click()
      await page.getByRole("option").first().click()
      await form.getByLabel("Start date").fill("2026-05-01")
      await form.getByRole("textbox", { name: "City" }).fill("София")
      await form.getByRole("button", { name: "Create" }).click()
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain("outside the project period")
      const badge = page.getByText("Outside the project period", { exact: true })
      await expect.poll(() => badge.count()).toBe(1)
      await shot("event-outside-project-period-list")
      await page.getByRole("link", { name: "Seven years late" }).click()
      await expect.poll(() => page.getByTestId("outside-period").count()).toBe(1)
      await page.goto(`${server.url}/events/${eventId}`)
      await expect.poll(() => page.getByRole("heading", { name: "Семинар" }).count()).toBe(1)
      expect(await page.getByTestId("outside-period").count()).toBe(0)
    })
  },
)
