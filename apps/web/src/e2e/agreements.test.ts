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

describe.skipIf(!browserAvailable)("an integration agreement from intent to termination, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let beneficiaryId: string
  let municipalityId: string
  let caseUrl: RegExp
  let otherAgreementId: string
  let officeId: string

  const state = () => page.getByTestId("agreement-state").textContent()
  const history = () =>
    page.getByRole("list", { name: "The agreement's history, oldest first" }).getByRole("listitem")
  const offered = () => page.getByRole("group", { name: "Actions" }).getByRole("button").allTextContents()
  const lastEvent = () => history().last().locator("strong").textContent()
  const record = () => page.getByRole("button", { name: "Record", exact: true }).click()

  beforeAll(async () => {
    server = await startServer()
    const municipality = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Община Тестово",
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: "BG41",
      province: "BG411",
      municipality: "Тестово",
    })
    municipalityId = municipality.id
    const office = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Бюро по труда Тестово",
      kind: "state_authority",
      level: "local",
      country: "BG",
    })
    officeId = office.id
    await server.api("POST", "/v1/municipal-offers", {
      municipalityId,
      date: addDays(today(), -20),
      capacity: 2,
      plannedAreas: ["housing", "bulgarian_language"],
    })
    const beneficiary = await server.api<{ id: string }>("POST", "/v1/beneficiaries", {
      statusKind: "refugee",
      statusDecisionDate: addDays(today(), -10),
      familyMembers: 2,
      personal: { givenName: "Амира", familyName: "Синтетична", citizenship: "SY" },
    })
    beneficiaryId = beneficiary.id
    // A second intent that never gets an offer: the review must show where the procedure stalls.
    const other = await server.api<{ id: string }>("POST", "/v1/beneficiaries", {
      statusKind: "humanitarian",
      statusDecisionDate: addDays(today(), -60),
      familyMembers: 0,
      personal: { givenName: "Омар", familyName: "Синтетичен" },
    })
    const intent = await server.api<{ id: string }>("POST", "/v1/agreements", {
      beneficiaryId: other.id,
      intentDate: addDays(today(), -5),
    })
    otherAgreementId = intent.id
    browser = await launchBrowser()
    page = await browser.newPage()
    // Signed in with the admin token for this tab (the sign-in page itself is signIn.test.ts's subject).
    await page.goto(`${server.url}/sign-in`)
    await page.evaluate((token) => {
      localStorage.setItem("coordina.language", "en")
      sessionStorage.setItem("coordina.token", token)
    }, adminToken)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("records an intent for a registered beneficiary and offers only match and close", async () => {
    await page.goto(`${server.url}/agreements/new?beneficiaryId=${beneficiaryId}`)
    await expect.poll(() => page.getByTestId("intent-beneficiary").textContent()).toContain("Refugee status")
    await page.getByLabel("Date of the intent").fill(addDays(today(), -3))
    await page.getByRole("button", { name: "Record the intent" }).click()
    // The form's own URL (/agreements/new) matches the case pattern too: wait until it is left.
    await page.waitForURL(
      (url) => /^\/agreements\/[^/]+$/.test(url.pathname) && url.pathname !== "/agreements/new",
    )
    caseUrl = new RegExp(new URL(page.url()).pathname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    await expect.poll(state).toBe("Intent declared")
    await expect.poll(() => history().count()).toBe(1)
    await expect.poll(lastEvent).toBe("Intent declared")
    await expect.poll(offered).toEqual(["Match to an offer", "Close"])
    // The personal data comes back to the admin, so the page shows it.
    await expect.poll(() => page.getByTestId("beneficiary-personal").textContent()).toContain("Амира")
    // Export and erasure of the beneficiary's personal data sit beside it, for roles that may use them.
    await expect.poll(() => page.getByRole("button", { name: "Export data (JSON)" }).count()).toBe(1)
  })

  it("matches the intent to the municipal offer", async () => {
    await page.getByRole("button", { name: "Match to an offer" }).click()
    await page.getByRole("button", { name: /Municipal offer/ }).click()
    await page.getByRole("option", { name: /Община Тестово/ }).click()
    await record()
    await expect.poll(state).toBe("Matched")
    await expect.poll(() => history().count()).toBe(2)
    await expect.poll(lastEvent).toBe("Matched to a municipal offer")
    await expect.poll(offered).toEqual(["Conclude", "Close"])
    await expect.poll(() => page.getByTestId("deadline").first().textContent()).toMatch(/days left/)
  })

  it("concludes the matched agreement", async () => {
    await page.getByRole("button", { name: "Conclude" }).click()
    await page.getByLabel("Signed by (mayor or authorised official)").fill("Кмет на община Тестово")
    await record()
    await expect.poll(state).toBe("Active")
  })

  it("concluded: the term runs one year and only extend and terminate are offered", async () => {
    await expect.poll(() => history().count()).toBe(3)
    await expect.poll(lastEvent).toBe("Agreement concluded")
    await expect.poll(offered).toEqual(["Extend", "Terminate"])
    await expect
      .poll(() => page.getByTestId("agreement-term").textContent())
      .toContain(String(Number(today().slice(0, 4)) + 1))
  })

  it("sets the plan: the measure opens a coordination task for its institution", async () => {
    await page.getByRole("button", { name: "Set the plan" }).click()
    await page.getByRole("button", { name: "Add a measure" }).click()
    await page.getByRole("button", { name: /Area/ }).click()
    await page.getByRole("option", { name: "Employment and labour-office registration" }).click()
    await page.getByRole("button", { name: /Responsible institution/ }).click()
    await page.getByRole("option", { name: "Бюро по труда Тестово" }).click()
    await page.getByLabel("Due date").fill(addDays(today(), 30))
    await page.getByRole("button", { name: "Save the plan" }).click()
    const plan = page.getByRole("table", { name: "Individual integration plan" })
    await expect.poll(() => plan.locator("tbody tr").count()).toBe(1)
    await expect.poll(() => plan.locator("tbody tr").first().textContent()).toContain("Planned")
    const tasks = page.getByRole("table", { name: "Coordination tasks (referrals)" })
    await expect
      .poll(() => tasks.locator("tbody tr").first().textContent())
      .toContain("Бюро по труда Тестово")
    await expect.poll(() => tasks.locator("tbody tr").first().textContent()).toContain("Open")
  })

  it("the institution accepts and completes the task in its inbox; the measure is done with evidence", async () => {
    const caseHref = page.url()
    await page.goto(`${server.url}/tasks?institutionId=${officeId}`)
    const row = page.locator("tbody tr").first()
    await expect.poll(() => row.textContent()).toContain("Open")
    await page.getByRole("button", { name: "Accept" }).click()
    await expect.poll(() => row.textContent()).toContain("Accepted")
    await expect.poll(() => page.getByRole("button", { name: "Accept" }).count()).toBe(0)
    await page.getByRole("button", { name: "Complete" }).click()
    await page.getByLabel("Outcome").fill("Регистриран в бюрото по труда")
    await page.getByRole("button", { name: "Complete" }).click()
    await expect.poll(() => row.textContent()).toContain("Done")
    await page.goto(caseHref)
    const plan = page.getByRole("table", { name: "Individual integration plan" })
    await expect.poll(() => plan.locator("tbody tr").first().textContent()).toContain("Done")
    await expect
      .poll(() => plan.locator("tbody tr").first().textContent())
      .toContain("Регистриран в бюрото по труда")
    await expect.poll(state).toBe("Active")
  })

  it("extends once; a second extension is not offered", async () => {
    await page.getByRole("button", { name: "Extend" }).click()
    await record()
    await expect.poll(lastEvent).toBe("Agreement extended")
    await expect.poll(() => history().count()).toBe(4)
    await expect.poll(state).toBe("Active")
    await expect.poll(offered).toEqual(["Terminate"])
    await expect
      .poll(() => page.getByTestId("agreement-term").textContent())
      .toContain(String(Number(today().slice(0, 4)) + 2))
  })

  it("terminates on a ground of the governing rule set; then no action is offered", async () => {
    await page.getByRole("button", { name: "Terminate" }).click()
    await page.getByRole("button", { name: /Ground for termination/ }).click()
    await page.getByRole("option", { name: "Violation of public order" }).click()
    await page.getByLabel("Initiator").fill("Кмет")
    await record()
    // Irreversible: the dialog names what follows before anything is sent.
    const confirm = page.getByRole("alertdialog", { name: "Terminate the agreement?" })
    await expect.poll(() => confirm.textContent()).toContain("cannot be undone")
    await confirm.getByRole("button", { name: "Terminate the agreement" }).click()
    await expect.poll(state).toBe("Terminated")
    await expect.poll(() => history().count()).toBe(5)
    await expect.poll(lastEvent).toBe("Agreement terminated")
    await expect.poll(() => page.getByText("No action is allowed in this state.").count()).toBe(1)
    await expect.poll(() => page.getByRole("group", { name: "Actions" }).count()).toBe(0)
    const whens = await history()
      .locator("time")
      .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""))
    expect(whens).toEqual([...whens].sort())
    expect(page.url()).toMatch(caseUrl)
  })

  it("shows the refusal when the agreement changed meanwhile", async () => {
    await page.goto(`${server.url}/agreements/${otherAgreementId}`)
    await expect.poll(state).toBe("Intent declared")
    await page.getByRole("button", { name: "Match to an offer" }).click()
    await page.getByRole("button", { name: /Municipal offer/ }).click()
    await page.getByRole("option", { name: /Община Тестово/ }).click()
    // Someone else closes the intent before this form is sent.
    await server.api("POST", `/v1/agreements/${otherAgreementId}/close`, {
      date: today(),
      reason: "Оттеглено желание",
    })
    await record()
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("The action was refused (409)")
    await expect.poll(state).toBe("Closed")
    await expect.poll(() => page.getByText("No action is allowed in this state.").count()).toBe(1)
  })

  it("lists the case filtered by state and municipality", async () => {
    await page.goto(`${server.url}/agreements?state=terminated&municipalityId=${municipalityId}`)
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1)
    await expect.poll(() => page.locator("tbody tr").first().textContent()).toContain("Terminated")
    await page.goto(`${server.url}/agreements?state=closed`)
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1)
    await expect.poll(() => page.locator("tbody tr").first().textContent()).toContain(otherAgreementId)
  })

  it("shows the bottleneck on the review dashboard, in Bulgarian too", async () => {
    await page.goto(`${server.url}/review`)
    await expect.poll(() => page.getByTestId("bottleneck").textContent()).toContain("Bottleneck")
    await expect.poll(() => page.getByTestId("bottleneck").textContent()).toContain("Intent declared")
    await page.getByRole("radio", { name: "Български" }).click()
    await expect.poll(() => page.getByTestId("bottleneck").textContent()).toContain("Тясно място")
  })
})
