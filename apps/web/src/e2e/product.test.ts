import { addDays, isoDate } from "@coordina/domain"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  adminToken,
  browserAvailable,
  launchBrowser,
  navTo,
  startServer,
  type TestServer,
} from "./harness.js"

/** Today in this machine's time zone, as the browser computes it. */
const today = () => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, "0")
  return isoDate(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`)
}

const shots = new URL("../../test-results/screenshots/", import.meta.url).pathname

describe.skipIf(!browserAvailable)("finding anything, terminating, and narrow screens, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let pseudonym: string
  let beneficiaryId: string
  let officeId: string

  const signInAs = async (p: Page) => {
    await p.goto(`${server.url}/sign-in`)
    await p.evaluate((token) => {
      localStorage.setItem("coordina.language", "en")
      sessionStorage.setItem("coordina.token", token)
    }, adminToken)
  }

  beforeAll(async () => {
    server = await startServer()
    const municipality = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Община Търсене",
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: "BG41",
      province: "BG411",
      municipality: "Търсене",
    })
    const office = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Бюро по труда Търсене",
      kind: "state_authority",
      level: "local",
      country: "BG",
    })
    officeId = office.id
    await server.api("POST", "/v1/municipal-offers", {
      municipalityId: municipality.id,
      date: addDays(today(), -20),
      capacity: 3,
      plannedAreas: ["housing"],
    })
    const beneficiary = await server.api<{ id: string; pseudonym: string }>("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: addDays(today(), -10),
      familyMembers: 1,
      personal: { givenName: "Зейнаб", familyName: "Хамдан" },
    })
    pseudonym = beneficiary.pseudonym
    beneficiaryId = beneficiary.id
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await signInAs(page)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("finds the beneficiary from the header by pseudonym and by the Latin spelling of her Cyrillic name", async () => {
    await page.goto(`${server.url}/projects`)
    const box = page.getByRole("combobox", { name: "Search" })
    await box.fill(pseudonym.toLowerCase())
    await expect
      .poll(() => page.getByRole("option").allTextContents())
      .toEqual([`Beneficiary ${pseudonym} · Зейнаб Хамдан`])
    await box.fill("zeynab hamdan")
    const option = page.getByRole("option", { name: new RegExp(pseudonym) })
    await expect.poll(() => option.count()).toBe(1)
    await page.screenshot({ path: `${shots}search-by-latin-name.png` })
    await option.click()
    await page.waitForURL(new RegExp(`/beneficiaries/${beneficiaryId}$`))
    await expect.poll(() => page.getByTestId("beneficiary-pseudonym").textContent()).toBe(pseudonym)
  })

  it("declares an intent for her, picked by search on the new intent form", async () => {
    await page.goto(`${server.url}/agreements/new`)
    await page.getByTestId("beneficiary-picker").fill("Hamdan")
    await page.getByRole("option", { name: new RegExp(pseudonym) }).click()
    await expect.poll(() => page.getByTestId("intent-beneficiary").textContent()).toContain(pseudonym)
    await page.getByLabel("Date of the intent").fill(addDays(today(), -3))
    await page.screenshot({ path: `${shots}intent-picked-by-search.png` })
    await page.getByRole("button", { name: "Record the intent" }).click()
    await page.waitForURL((url) => /^\/agreements\/agr_/.test(url.pathname))
    await expect.poll(() => page.getByTestId("agreement-state").textContent()).toBe("Intent declared")
  })

  it("terminating the agreement takes its open task out of the institution's inbox and says so on the case", async () => {
    const [intent] = (
      await server.api<{ items: Array<{ id: string; version: number }> }>(
        "GET",
        `/v1/agreements?beneficiaryId=${beneficiaryId}`,
      )
    ).items
    const offers = await server.api<{ items: Array<{ id: string }> }>("GET", "/v1/municipal-offers")
    const call = async (path: string, version: number, body: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${adminToken}`,
          "Content-Type": "application/json",
          "If-Match": `"${version}"`,
        },
        body: JSON.stringify(body),
      })
      expect(res.status, await res.clone().text()).toBe(200)
      return (await res.json()) as { version: number }
    }
    const matched = await call(`/v1/agreements/${intent!.id}/match`, intent!.version, {
      offerId: offers.items[0]!.id,
      date: addDays(today(), -2),
    })
    const active = await call(`/v1/agreements/${intent!.id}/conclude`, matched.version, {
      date: addDays(today(), -1),
      signedBy: "Кмет",
    })
    const plan = await fetch(`${server.url}/v1/agreements/${intent!.id}/plan`, {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${adminToken}`,
        "Content-Type": "application/json",
        "If-Match": '"0"',
      },
      body: JSON.stringify({
        measures: [{ area: "employment", responsibleInstitutionId: officeId, dueDate: addDays(today(), 30) }],
      }),
    })
    expect(plan.status, await plan.clone().text()).toBe(200)
    await page.goto(`${server.url}/tasks?institutionId=${officeId}`)
    await expect.poll(() => page.getByRole("button", { name: "Accept" }).count()).toBe(1)

    await page.goto(`${server.url}/agreements/${intent!.id}`)
    await page.getByRole("button", { name: "Terminate" }).click()
    await page.getByRole("button", { name: /Ground for termination/ }).click()
    await page.getByRole("option").first().click()
    await page.getByLabel("Initiator").fill("Кмет")
    await page.getByRole("button", { name: "Record", exact: true }).click()
    const confirm = page.getByRole("alertdialog", { name: "Terminate the agreement?" })
    await expect.poll(() => confirm.textContent()).toContain("open coordination task are cancelled")
    await page.screenshot({ path: `${shots}terminate-confirmation.png` })
    await confirm.getByRole("button", { name: "Terminate the agreement" }).click()
    await expect.poll(() => page.getByTestId("agreement-state").textContent()).toBe("Terminated")
    const tasks = page.getByRole("table", { name: "Coordination tasks (referrals)" })
    await expect.poll(() => tasks.locator("tbody tr").first().textContent()).toContain("Cancelled")
    await expect
      .poll(() => tasks.locator("tbody tr").first().textContent())
      .toContain("Cancelled by the termination of the agreement")
    await page.screenshot({ path: `${shots}terminated-case.png`, fullPage: true })
    void active

    await page.goto(`${server.url}/tasks?institutionId=${officeId}`)
    await expect.poll(() => page.getByText("Бюро по труда Търсене").count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole("button", { name: "Accept" }).count()).toBe(0)
    await page.screenshot({ path: `${shots}inbox-after-termination.png` })
  })

  it("shows every main page at 390 px without horizontal scrolling, the menu folded and Sign out in reach", async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await signInAs(narrow)
    const pages = [
      "/projects",
      "/institutions",
      "/people",
      "/people/duplicates",
      "/agreements",
      "/beneficiaries",
      "/offers",
      "/tasks",
      "/review",
      "/users",
      "/api-keys",
      "/audit",
      "/data-protection",
      `/beneficiaries/${beneficiaryId}`,
    ]
    for (const path of pages) {
      await narrow.goto(`${server.url}${path}`)
      await narrow.locator("main h1").first().waitFor()
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, path).toBeLessThanOrEqual(0)
      const name = path.replaceAll("/", "_").replace(/^_/, "") || "root"
      await narrow.screenshot({ path: `${shots}390-${name}.png` })
    }
    const header = await narrow.locator("header.topbar").boundingBox()
    expect(header!.height).toBeLessThan(200)
    const signOut = await narrow.getByRole("button", { name: "Sign out", exact: true }).boundingBox()
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(390)
    expect(signOut!.y + signOut!.height).toBeLessThanOrEqual(844)
    await navTo(narrow, "Audit log")
    await narrow.waitForURL(/\/audit$/)
    await narrow.screenshot({ path: `${shots}390-menu-used.png` })
    await narrow.close()
  })

  it("keeps the Bulgarian navigation on one row at 1366 px", async () => {
    await page.evaluate(() => localStorage.setItem("coordina.language", "bg"))
    await page.goto(`${server.url}/projects`)
    const buttons = page.locator(".nav-group-button")
    await expect.poll(() => buttons.count()).toBe(3)
    const tops = await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top))
    expect(new Set(tops).size).toBe(1)
    await page.screenshot({ path: `${shots}bg-navigation-1366.png` })
    const header = await page.locator("header.topbar").boundingBox()
    expect(header!.height).toBeLessThan(80)
  })
})
