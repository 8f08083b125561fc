import { addDays, isoDate } from "@coordina/domain"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminToken, browserAvailable, launchBrowser, startServer, type TestServer } from "./harness.js"

/** Today in this machine's time zone, as the browser computes it. */
const today = () => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, "0")
  return isoDate(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`)
}

const shots = new URL("../../test-results/screenshots/", import.meta.url).pathname

describe.skipIf(!browserAvailable)("finding a beneficiary from the agreements list, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let layla: { id: string; pseudonym: string }
  let omar: { id: string; pseudonym: string }

  const rows = () => page.getByTestId("agreements").locator("tbody tr")
  const count = () => page.getByTestId("pager-count").textContent()

  beforeAll(async () => {
    server = await startServer()
    const beneficiary = (givenName: string, familyName: string) =>
      server.api<{ id: string; pseudonym: string }>("POST", "/v1/beneficiaries", {
        statusKind: "refugee",
        statusDecisionDate: addDays(today(), -30),
        familyMembers: 1,
        personal: { givenName, familyName },
      })
    layla = await beneficiary("Лейла", "Карими")
    omar = await beneficiary("Омар", "Насри")
    await server.api("POST", "/v1/agreements", { beneficiaryId: omar.id, intentDate: addDays(today(), -20) })
    await server.api("POST", "/v1/agreements", { beneficiaryId: omar.id, intentDate: addDays(today(), -10) })
    browser = await launchBrowser()
    page = await browser.newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.evaluate((token) => {
      localStorage.setItem("coordina.language", "en")
      sessionStorage.setItem("coordina.token", token)
    }, adminToken)
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("shows each agreement's pseudonym, never the name, and the total", async () => {
    await page.goto(`${server.url}/agreements`)
    await expect.poll(() => rows().count()).toBe(2)
    await expect.poll(() => rows().first().textContent()).toContain(omar.pseudonym)
    expect(await page.getByTestId("agreements").textContent()).not.toContain("Омар")
    await expect.poll(count).toContain("of 2")
  })

  it("finds the agreements by a Latin spelling of the Cyrillic name, kept in the URL", async () => {
    await page.getByRole("searchbox", { name: "Find a beneficiary (pseudonym or name)" }).fill("nasri")
    await page.waitForURL((url) => url.searchParams.get("q") === "nasri")
    await expect.poll(() => rows().count()).toBe(2)
    await page.getByRole("searchbox", { name: "Find a beneficiary (pseudonym or name)" }).fill("karimi")
    await expect.poll(() => page.getByText("No agreements match these filters.").count()).toBe(1)
    await page.screenshot({ path: `${shots}agreements-search-empty.png` })
  })

  it("declares an intent for a beneficiary picked by name, then finds it by pseudonym", async () => {
    await page.getByRole("link", { name: "New intent" }).click()
    await page.waitForURL((url) => url.pathname === "/agreements/new")
    await page.getByTestId("beneficiary-picker").fill("leyla karimi")
    await page.getByRole("option", { name: new RegExp(layla.pseudonym) }).click()
    await expect.poll(() => page.getByTestId("intent-beneficiary").textContent()).toContain(layla.pseudonym)
    await page.getByLabel("Date of the intent").fill(addDays(today(), -2))
    await page.getByRole("button", { name: "Record the intent" }).click()
    await page.waitForURL((url) => /^\/agreements\/agr_/.test(url.pathname))

    await page.goto(`${server.url}/agreements?q=${layla.pseudonym.toLowerCase()}`)
    await expect.poll(() => rows().count()).toBe(1)
    await expect.poll(() => rows().first().textContent()).toContain(layla.pseudonym)
    await expect.poll(count).toContain("of 1")
    await page.screenshot({ path: `${shots}agreements-found-by-pseudonym.png` })
  })

  it("says it in Bulgarian too", async () => {
    await page.evaluate(() => localStorage.setItem("coordina.language", "bg"))
    await page.goto(`${server.url}/agreements`)
    await expect
      .poll(() => page.getByRole("searchbox", { name: "Търсене на лице (псевдоним или име)" }).count())
      .toBe(1)
    await expect.poll(() => rows().count()).toBe(3)
    await page.screenshot({ path: `${shots}agreements-list-bg.png` })
  })
})
