/**
 * Certificates in Chromium: a coordinator issues them on the event page, the list shows the
 * code, and the code printed on the certificate checks out on the public verification page
 * (no sign-in, a 390 px screen, Bulgarian), which shows initials and never the name.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

describe.skipIf(!browserAvailable)("attendance certificates in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let eventId: string

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    page = await browser.newPage()
    const project = await server.api<{ id: string }>("POST", "/v1/projects", {
      code: "CERT-E2E",
      title: "Координация",
      startDate: "2018-01-01",
      durationMonths: 24,
      targets: [],
    })
    const institution = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    const event = await server.api<{ id: string }>("POST", "/v1/events", {
      projectId: project.id,
      kind: "regional_workshop",
      title: "Семинар в Русе",
      startDate: "2018-05-16",
      endDate: "2018-05-17",
      city: "Русе",
    })
    eventId = event.id
    const person = await server.api<{ id: string }>("POST", "/v1/people", {
      givenName: "Мария",
      familyName: "Петрова",
      institutionId: institution.id,
    })
    await server.api("POST", `/v1/events/${eventId}/participations`, {
      personId: person.id,
      role: "participant",
      status: "registered",
    })
    await server.api("PUT", `/v1/events/${eventId}/participations/${person.id}/attendance`, {
      days: ["2018-05-17"],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("issues on the event page, and the code checks out publicly at 390 px", async () => {
    await signIn(page, server)
    await page.goto(`${server.url}/events/${eventId}`)
    await page.getByRole("button", { name: "Issue certificates" }).click()
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "1 certificate issued." }).count())
      .toBe(1)
    const table = page.getByTestId("certificates")
    await expect.poll(() => table.getByText("Мария Петрова").count()).toBe(1)
    const code = (await table.locator("code").first().textContent())?.trim() ?? ""
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/)
    expect(
      await page.getByRole("button", { name: "Download the certificate of Мария Петрова" }).count(),
    ).toBe(1)

    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } })
    try {
      const phone = await visitor.newPage()
      await phone.goto(`${server.url}/verify/${code}`)
      await phone.evaluate(() => localStorage.setItem("coordina.language", "bg"))
      await phone.reload()
      const card = phone.getByTestId("verification")
      await expect.poll(() => card.getByText("Удостоверението е истинско.").count()).toBe(1)
      const text = (await card.textContent()) ?? ""
      expect(text).toContain("М. П.")
      expect(text).toContain("Семинар в Русе")
      expect(text).not.toContain("Мария")
      // Nothing wider than the phone's screen (the widest elements named when something is).
      const wide = await phone.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > 390)
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5),
      )
      expect(wide).toEqual([])
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

      await phone.goto(`${server.url}/verify/AAAA-BBBB-CCCC-DDDD-EEEE`)
      await expect
        .poll(() => phone.getByRole("alert").filter({ hasText: "Няма удостоверение" }).count())
        .toBe(1)
    } finally {
      await visitor.close()
    }
  })
})
