/**
 * The good-practice library and the recommendations in Chromium: Latin input finds a practice
 * written in Cyrillic, a filter narrows the list, the practice page marks the language it lacks,
 * the edit form saves a translation (and shows the API's problem for a practice left without
 * a title), and the recommendations page shows a finding's cited figure beside today's.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, navTo, signIn, startServer, type TestServer } from "./harness.js"

describe.skipIf(!browserAvailable)("the practice library, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let ghentId: string

  beforeAll(async () => {
    server = await startServer()
    const practice = (over: Record<string, unknown>) => ({
      country: "BE",
      area: "housing",
      level: "local",
      description: { bg: "Общината наема жилища от частни собственици." },
      sources: [{ title: "Stad Gent", url: "https://stad.gent" }],
      eventIds: [],
      presenterIds: [],
      ...over,
    })
    ghentId = (
      await server.api<{ id: string }>(
        "POST",
        "/v1/practices",
        practice({ title: { bg: "Общинско настаняване в Гент" } }),
      )
    ).id
    await server.api(
      "POST",
      "/v1/practices",
      practice({
        country: "SE",
        area: "coordination",
        level: "central",
        title: { en: "One entry point", bg: "Единна входна точка" },
        description: { en: "One office for everything." },
      }),
    )
    await server.api("POST", "/v1/recommendations", {
      level: "local",
      text: { en: "Municipalities should broker leases.", bg: "Общините да посредничат при наемите." },
      practiceIds: [ghentId],
      findings: [
        { groupBy: "procedure", asOf: "2019-12-31", figure: { metric: "funnel.intents", value: 48 } },
      ],
    })
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("finds Cyrillic text from Latin input, filters, and marks the missing language", async () => {
    await signIn(page, server, "en")
    await page.waitForURL(/\/projects/)
    await navTo(page, "Practice library")
    await page.waitForURL(/\/practices/)
    const table = page.getByRole("table", { name: "Good-practice library" })
    await expect.poll(() => table.getByRole("link").count()).toBe(2)
    await page.getByRole("searchbox", { name: "Search (Latin or Cyrillic)" }).fill("nastanyavane")
    await expect
      .poll(() => table.getByRole("link").allTextContents())
      .toEqual(["Общинско настаняване в Гент (Not written in English)"])
    await page.getByRole("searchbox", { name: "Search (Latin or Cyrillic)" }).fill("")
    await expect.poll(() => table.getByRole("link").count()).toBe(2)
    await page.goto(`${server.url}/practices?level=central`)
    await expect.poll(() => table.getByRole("link").allTextContents()).toEqual(["One entry point"])

    await page.goto(`${server.url}/practices/${ghentId}`)
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Общинско настаняване в Гент")
    await expect.poll(() => page.getByText("Not written in English").count()).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByRole("link", { name: "Stad Gent" }).getAttribute("href"))
      .toBe("https://stad.gent")
  })

  it("saves a translation through the edit form, and shows the API's problem for no title", async () => {
    await page.getByRole("button", { name: "Edit" }).click()
    const form = page.getByRole("form", { name: "Edit the practice" })
    await form.getByLabel("Title (Bulgarian)").fill("")
    await form.getByRole("button", { name: "Save" }).click()
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("see the marked fields")
    await form.getByLabel("Title (Bulgarian)").fill("Общинско настаняване в Гент")
    await form.getByLabel("Title (English)").fill("Municipal housing in Ghent")
    await form.getByLabel("Description (English)").fill("The city rents flats from private landlords.")
    await form.getByRole("button", { name: "Save" }).click()
    await expect.poll(() => page.getByText("The practice is saved.").count()).toBe(1)
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Municipal housing in Ghent")
    await expect.poll(() => page.getByText("Not written in English").count()).toBe(0)
  })

  it("lists recommendations by level with the cited figure beside today's", async () => {
    await navTo(page, "Recommendations")
    await page.waitForURL(/\/recommendations/)
    const local = page.getByRole("region", { name: "Local" })
    await expect.poll(() => local.getByText("Municipalities should broker leases.").count()).toBe(1)
    const row = local.getByRole("row", { name: /funnel\.intents/ })
    await expect
      .poll(() => row.getByRole("cell").allTextContents())
      .toEqual(["48", "0 (changed since cited)"])
    await expect
      .poll(() =>
        page.getByRole("region", { name: "Central" }).getByText("No recommendations at this level.").count(),
      )
      .toBe(1)
  })
})
