import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, signIn, startServer, type TestServer } from "./harness.js"

describe.skipIf(!browserAvailable)("public event registration, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let phone: Page
  let eventId: string

  beforeAll(async () => {
    server = await startServer()
    await server.api("POST", "/v1/institutions", {
      name: "Община Габрово",
      kind: "municipality",
      level: "local",
      country: "BG",
    })
    const project = await server.api<{ id: string }>("POST", "/v1/projects", {
      code: "REG-E2E",
      title: "Registration",
      startDate: "2026-01-01",
      durationMonths: 24,
      targets: [],
    })
    const event = await server.api<{ id: string }>("POST", "/v1/events", {
      projectId: project.id,
      kind: "regional_workshop",
      title: "Регионална среща за координация на интеграцията в Габрово",
      startDate: "2027-03-10",
      endDate: "2027-03-11",
      city: "Габрово",
    })
    eventId = event.id
    await server.api("PUT", `/v1/events/${eventId}/registration`, { open: true, capacity: 1, waitlist: true })
    browser = await launchBrowser()
    // A phone's width: the page must work at 390 px without sideways scrolling.
    phone = await browser.newPage({ viewport: { width: 390, height: 844 } })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const fill = async (page: Page, who: { given: string; family: string; email: string }) => {
    await page.getByLabel("Given name").fill(who.given)
    await page.getByLabel("Family name").fill(who.family)
    await page.getByLabel("E-mail").fill(who.email)
    await page.getByLabel("Institution (its exact name)").fill("община габрово")
  }

  it("shows the event and its seats in Bulgarian, without account, at 390 px", async () => {
    await phone.goto(`${server.url}/register/${eventId}`)
    await expect.poll(() => phone.getByTestId("seats").textContent()).toBe("Остава 1 място")
    expect(await phone.getByRole("heading", { level: 1 }).textContent()).toContain("Габрово")
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // The honeypot is hidden from people and assistive technology alike.
    expect(await phone.getByRole("textbox", { name: /празно/ }).count()).toBe(0)
    expect(await phone.locator("input[name=website]").count()).toBe(1)
  })

  it("registers in English, then puts the next on the waiting list", async () => {
    await phone.getByRole("radio", { name: "English" }).click()
    await expect.poll(() => phone.getByTestId("seats").textContent()).toBe("1 seat left")
    await fill(phone, { given: "Elena", family: "Draganova", email: "elena@example.bg" })
    // The proof must be at least 3 s old: a person takes longer than that to fill the form.
    await phone.waitForTimeout(3_200)
    await phone.getByRole("button", { name: "Register" }).click()
    await expect
      .poll(() => phone.getByTestId("registration-done").textContent())
      .toBe("You are registered. A confirmation will come by e-mail.")

    await phone.reload()
    await expect
      .poll(() => phone.getByTestId("seats").textContent())
      .toBe("Every seat is taken: you can join the waiting list.")
    await fill(phone, { given: "Ivan", family: "Kolev", email: "ivan@example.bg" })
    await phone.waitForTimeout(3_200)
    await phone.getByRole("button", { name: "Join the waiting list" }).click()
    await expect.poll(() => phone.getByTestId("registration-done").textContent()).toMatch(/waiting list/)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })

  it("refuses a form sent too quickly, with a translated problem (the counts below show it stored nothing)", async () => {
    await phone.reload()
    await fill(phone, { given: "Bot", family: "Botov", email: "bot@example.bg" })
    await phone.getByRole("button", { name: "Join the waiting list" }).click()
    await expect.poll(() => phone.getByRole("alert").first().textContent()).toMatch(/could not be accepted/)
  })

  it("shows staff the settings, the counts and the list on the event page", async () => {
    const staff = await browser.newPage()
    await signIn(staff, server, "en")
    await staff.waitForURL(/\/projects$/)
    await staff.goto(`${server.url}/events/${eventId}`)
    await expect
      .poll(() => staff.getByTestId("registration-counts").textContent())
      .toBe("1 registered, 1 waiting")
    const rows = staff.getByTestId("registrations").locator("tbody tr")
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.nth(0).textContent()).toContain("Elena Draganova")
    expect(await rows.nth(1).textContent()).toContain("waiting")
    await staff.getByLabel("Seats (empty: no limit)").fill("2")
    await staff.getByRole("button", { name: "Save registration settings" }).click()
    await expect
      .poll(() => staff.getByTestId("registration-counts").textContent())
      .toBe("2 registered, 0 waiting")
    await staff.close()
  })
})
