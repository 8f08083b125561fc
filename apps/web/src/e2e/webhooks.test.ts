import type { Browser, Locator, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browserAvailable, launchBrowser, navTo, signIn, startServer, type TestServer } from "./harness.js"

/** Ticks a react-aria checkbox by clicking its label, as a person does. */
const tick = async (input: Locator) => {
  await input.locator("xpath=ancestor::label[1]").click()
  await expect.poll(() => input.isChecked()).toBe(true)
}

describe.skipIf(!browserAvailable)("webhooks and the outbox, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let admin: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    admin = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("creates an endpoint with its secret shown once, sends a delivery again, filters the outbox, deletes it", async () => {
    await signIn(admin, server, "en")
    await admin.waitForURL(/\/projects$/)
    await navTo(admin, "Webhooks")
    await admin.waitForURL(/\/webhooks$/)
    await admin.getByRole("button", { name: "New endpoint" }).click()
    const dialog = admin.getByRole("dialog", { name: "New webhook endpoint" })
    await dialog.getByLabel("Address (URL)", { exact: true }).fill("https://hooks.example.org/coordina")
    // No event chosen: refused before the API is asked.
    await dialog.getByRole("button", { name: "Create endpoint" }).click()
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Choose at least one event.")
    await tick(dialog.getByRole("checkbox", { name: /People merged/ }))
    await dialog.getByRole("button", { name: "Create endpoint" }).click()
    const shown = admin.getByRole("dialog", { name: "Your new webhook endpoint" })
    await expect
      .poll(() => shown.getByRole("alert").textContent())
      .toContain("This is the only time the secret is shown.")
    const secret = await shown.getByTestId("new-webhook-secret").inputValue()
    expect(secret).toMatch(/^whsec_/)
    await shown.getByRole("button", { name: "I have stored the secret" }).click()
    await expect.poll(() => shown.count()).toBe(0)
    const row = admin
      .getByTestId("webhook-endpoints-table")
      .getByRole("row")
      .filter({ hasText: "https://hooks.example.org/coordina" })
    await expect.poll(() => row.textContent()).toContain("person.merged")
    await admin.reload()
    expect(await admin.content()).not.toContain(secret)

    // A merge publishes person.merged to the endpoint; no worker runs, so it stays pending.
    const institution = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Държавна агенция за бежанците",
      kind: "state_authority",
      level: "central",
      country: "BG",
    })
    const person = (givenName: string) =>
      server.api<{ id: string }>("POST", "/v1/people", {
        givenName,
        familyName: "Тестова",
        institutionId: institution.id,
      })
    const [from, into] = [await person("Мария"), await person("Мариа")]
    await server.api("POST", `/v1/people/${from.id}/merge`, { intoPersonId: into.id })

    await admin.getByRole("button", { name: "Show deliveries" }).click()
    const deliveries = admin.getByRole("table", { name: "Deliveries to https://hooks.example.org/coordina" })
    const delivery = deliveries.getByRole("row").filter({ hasText: "person.merged" })
    await expect.poll(() => delivery.textContent()).toContain("Pending")
    await delivery.getByRole("button", { name: /^Send .* again$/ }).click()
    await expect.poll(() => admin.getByText("Queued to be sent again.").count()).toBe(1)

    await navTo(admin, "Outbox")
    await admin.waitForURL(/\/outbox/)
    const outbox = admin.getByTestId("outbox-table")
    await expect.poll(() => outbox.getByRole("row").filter({ hasText: "person.merged" }).count()).toBe(1)
    await admin.goto(`${server.url}/outbox?status=delivered`)
    await expect.poll(() => outbox.getByRole("row").filter({ hasText: "person.merged" }).count()).toBe(0)
    await admin.goto(`${server.url}/outbox?status=pending`)
    await expect.poll(() => outbox.getByRole("row").filter({ hasText: "person.merged" }).count()).toBe(1)

    await navTo(admin, "Webhooks")
    await admin.getByRole("button", { name: "Delete https://hooks.example.org/coordina" }).click()
    const confirm = admin.getByRole("alertdialog", { name: "Delete https://hooks.example.org/coordina?" })
    await confirm.getByRole("button", { name: "Delete endpoint" }).click()
    await expect.poll(() => row.count()).toBe(0)
    const endpoints = await server.api<{ items: ReadonlyArray<unknown> }>("GET", "/v1/webhook-endpoints")
    expect(endpoints.items).toEqual([])
  })
})
