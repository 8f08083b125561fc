import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

describe.skipIf(!browserAvailable)("signing in and reading a project, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let projectId: string
  const consoleErrors: Array<string> = []

  beforeAll(async () => {
    server = await startServer()
    const project = await server.api<{ id: string }>("POST", "/v1/projects", {
      code: "COORD-MECH-2017",
      title: "Подобряване на координационния механизъм",
      funder: "AMIF",
      startDate: "2017-12-01",
      durationMonths: 16,
      targets: [{ indicator: "direct", value: 270 }],
    })
    projectId = project.id
    await server.api("POST", `/v1/projects/${projectId}/extensions`, { months: 6, reason: "COVID-19" })
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text())
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("sends an unknown visitor to sign-in and refuses a wrong token", async () => {
    await page.goto(`${server.url}/projects`)
    await page.waitForURL(/\/sign-in/)
    await page.getByLabel("Ключ за достъп").fill("wrong")
    await page.getByRole("button", { name: "Вход" }).click()
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Ключът не е приет")
  })

  it("signs in and lists the projects", async () => {
    await signIn(page, server, "en")
    await page.waitForURL(/\/projects$/)
    await expect.poll(() => page.getByRole("link", { name: "COORD-MECH-2017" }).count()).toBe(1)
  })

  it("shows a project's period with its extension, in English and in Bulgarian", async () => {
    await page.getByRole("link", { name: "COORD-MECH-2017" }).click()
    await page.waitForURL(new RegExp(`/projects/${projectId}$`))
    await expect
      .poll(() => page.getByTestId("project-period").textContent())
      .toBe("1 December 2017 – 30 September 2019")
    await page.getByRole("radio", { name: "Български" }).click()
    await expect
      .poll(() => page.getByTestId("project-period").textContent())
      .toBe("1 декември 2017 г. – 30 септември 2019 г.")
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).first().textContent())
      .toBe("Целеви стойности")
  })

  it("runs under the strict Content-Security-Policy without violations", () => {
    expect(consoleErrors.filter((e) => e.includes("Content Security Policy"))).toEqual([])
  })

  it("signs out", async () => {
    await page.getByRole("button", { name: "Изход" }).click()
    await page.waitForURL(/\/sign-in/)
    await page.goto(`${server.url}/projects`)
    await page.waitForURL(/\/sign-in/)
  })
})
