/**
 * E-mail settings in the browser: a user's notification preferences (reached from the top bar)
 * and an institution's contact addresses, in Bulgarian and English.
 */
import type { Browser, Locator, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  browserAvailable,
  launchBrowser,
  signIn,
  signInWithPassword,
  startServer,
  type TestServer,
} from "./harness.js"

const untick = async (input: Locator) => {
  await input.locator("xpath=ancestor::label[1]").click()
  await expect.poll(() => input.isChecked()).toBe(false)
}

const staff = { email: "maria@example.org", displayName: "Maria", password: "correct horse battery staple" }

describe.skipIf(!browserAvailable)("e-mail settings in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    await server.api("POST", "/v1/users", {
      ...staff,
      roles: [{ role: "coordinator", projectIds: ["prj_none"] }],
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("lets a user turn off the digest and choose English, and keeps the choice", async () => {
    page = await (await browser.newContext()).newPage()
    await signInWithPassword(page, server, staff, "bg")
    await page.getByRole("link", { name: "Известия по имейл" }).click()
    await page.getByRole("heading", { name: "Известия по имейл" }).waitFor()
    const digest = page.getByRole("checkbox", {
      name: "Дневно обобщение (координатори и социални работници)",
    })
    expect(await digest.isChecked()).toBe(true)
    await untick(digest)
    await page.getByRole("button", { name: /Език на имейлите/ }).click()
    await page.getByRole("option", { name: "Английски" }).click()
    await page.getByRole("button", { name: "Запази" }).click()
    await page.getByRole("status").filter({ hasText: "Изборът Ви е запазен." }).waitFor()
    await page.reload()
    await page.getByRole("heading", { name: "Известия по имейл" }).waitFor()
    expect(
      await page
        .getByRole("checkbox", { name: "Дневно обобщение (координатори и социални работници)" })
        .isChecked(),
    ).toBe(false)
    expect(
      await page.getByRole("checkbox", { name: "Просрочена задача на моята институция" }).isChecked(),
    ).toBe(true)
    await expect
      .poll(() => page.getByRole("button", { name: /Език на имейлите/ }).textContent())
      .toContain("Английски")
  })

  it("shows and changes an institution's contact addresses, refusing a bad one", async () => {
    const created = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Agency for Employment",
      kind: "state_authority",
      level: "central",
      country: "BG",
    })
    page = await (await browser.newContext()).newPage()
    await signIn(page, server, "en")
    await page.goto(`${server.url}/institutions/${created.id}`)
    await page.getByRole("heading", { name: "Contact addresses" }).waitFor()
    await page.getByText("No contact address yet.").waitFor()
    await page.getByRole("button", { name: "Change the addresses" }).click()
    const field = page.getByRole("textbox", { name: "Addresses, one per line" })
    await field.fill("office@employment.bg\nnot-an-address")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByRole("alert").waitFor()
    expect(
      (await server.api<{ contactEmails: Array<string> }>("GET", `/v1/institutions/${created.id}`))
        .contactEmails,
    ).toEqual([])
    await field.fill("Office@Employment.bg\noffice@employment.bg, tasks@employment.bg")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByRole("link", { name: "tasks@employment.bg" }).waitFor()
    expect(await page.getByTestId("contact-emails").getByRole("listitem").allTextContents()).toEqual([
      "office@employment.bg",
      "tasks@employment.bg",
    ])
    expect(
      (await server.api<{ contactEmails: Array<string> }>("GET", `/v1/institutions/${created.id}`))
        .contactEmails,
    ).toEqual(["office@employment.bg", "tasks@employment.bg"])
  })
})
