import { readFile } from "node:fs/promises"
import type { Browser, BrowserContext, Locator, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  browserAvailable,
  navEntries,
  navTo,
  launchBrowser,
  adminToken,
  request,
  sessionCookie,
  signIn,
  signInWithPassword,
  signOut,
  startServer,
  type TestServer,
} from "./harness.js"

/**
 * Ticks a react-aria checkbox or radio by clicking its label, as a person does: its input is
 * visually hidden under the label.
 */
const tick = async (input: Locator) => {
  await input.locator("xpath=ancestor::label[1]").click()
  await expect.poll(() => input.isChecked()).toBe(true)
}

const coordinator = {
  email: "ana.petrova@example.org",
  displayName: "Ana Petrova",
  password: "correct horse battery staple",
}

describe.skipIf(!browserAvailable)("access: users, sign-in, API keys and the audit log, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let adminContext: BrowserContext
  let userContext: BrowserContext
  let admin: Page
  let user: Page
  let userId: string
  let apiKey: string
  let personId: string

  beforeAll(async () => {
    server = await startServer()
    await server.api("POST", "/v1/projects", {
      code: "COORD-MECH-2017",
      title: "Подобряване на координационния механизъм",
      funder: "AMIF",
      startDate: "2017-12-01",
      durationMonths: 16,
      targets: [{ indicator: "direct", value: 270 }],
    })
    browser = await launchBrowser()
    // Two browsers' worth of storage: the administrator's and the coordinator's.
    adminContext = await browser.newContext()
    userContext = await browser.newContext()
    admin = await adminContext.newPage()
    user = await userContext.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("lets the administrator in with the access token, with every access page in the menu", async () => {
    await signIn(admin, server, "en")
    await admin.waitForURL(/\/projects$/)
    await expect.poll(() => admin.getByTestId("whoami").textContent()).toBe("Admin token (Administrator)")
    await expect
      .poll(() => navEntries(admin))
      .toEqual(expect.arrayContaining(["Projects", "Users", "API keys", "Audit log", "Data protection"]))
  })

  it("creates a coordinator of one project, checking the form with the domain's rules first", async () => {
    await navTo(admin, "Users")
    await admin.waitForURL(/\/users$/)
    await admin.getByRole("button", { name: "New user" }).click()
    const dialog = admin.getByRole("dialog", { name: "New user" })
    await dialog.getByLabel("Email", { exact: true }).fill(coordinator.email)
    await dialog.getByLabel("Name", { exact: true }).fill(coordinator.displayName)
    await dialog.getByLabel("Password", { exact: true }).fill("too short")
    await tick(dialog.getByRole("checkbox", { name: "Coordinator" }))
    await dialog.getByRole("button", { name: "Create user" }).click()
    // A short password and a coordinator without projects never reach the API.
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("at least 12 characters")
    await dialog.getByLabel("Password", { exact: true }).fill(coordinator.password)
    await tick(
      dialog.getByRole("checkbox", { name: "COORD-MECH-2017 — Подобряване на координационния механизъм" }),
    )
    await dialog.getByRole("button", { name: "Create user" }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    const row = admin.getByTestId("users-table").getByRole("row").filter({ hasText: coordinator.email })
    await expect.poll(() => row.textContent()).toContain("Coordinator · 1 record")
    const users = await server.api<{ items: ReadonlyArray<{ id: string; email: string }> }>(
      "GET",
      "/v1/users",
    )
    userId = users.items.find((u) => u.email === coordinator.email)!.id
  })

  it("signs the administrator out", async () => {
    await signOut(admin)
    await admin.goto(`${server.url}/users`)
    await admin.waitForURL(/\/sign-in/)
  })

  it("refuses a wrong password without saying which part was wrong, and throttles guessing", async () => {
    await signInWithPassword(user, server, { email: coordinator.email, password: "not the password!" })
    await expect.poll(() => user.getByRole("alert").textContent()).toBe("The email or the password is wrong.")
    // Ten failures for one account within 15 minutes: the next attempt must wait.
    for (let i = 0; i < 10; i++)
      await request(
        server,
        "POST",
        "/v1/sessions",
        {},
        { email: "nobody@example.org", password: `guess ${i}` },
      )
    await user.getByLabel("Email", { exact: true }).fill("nobody@example.org")
    await user.getByLabel("Password", { exact: true }).fill("one more guess")
    await user.getByRole("button", { name: "Sign in", exact: true }).click()
    await expect
      .poll(() => user.getByRole("alert").textContent())
      .toMatch(/^Too many failed attempts\. Try again in 1[45] minutes\.$/)
  })

  it("signs the coordinator in with email and password, by keyboard, and shows only what the role allows", async () => {
    // A browser that never signed in offers the token first (a fresh install has no accounts).
    await user.goto(`${server.url}/sign-in`)
    await user.getByRole("tab", { name: "With a token" }).focus()
    await user.keyboard.press("ArrowLeft")
    await expect
      .poll(() => user.getByRole("tab", { name: "Email and password" }).getAttribute("aria-selected"))
      .toBe("true")
    await user.keyboard.press("Tab")
    await user.keyboard.type(coordinator.email)
    await user.keyboard.press("Tab")
    await user.keyboard.type(coordinator.password)
    await user.keyboard.press("Enter")
    await user.waitForURL(/\/projects$/)
    await expect.poll(() => user.getByTestId("whoami").textContent()).toBe("Ana Petrova (Coordinator)")
    await expect.poll(() => navEntries(user)).toContain("Projects")
    for (const name of ["Users", "API keys", "Audit log", "Data protection"])
      expect(await navEntries(user)).not.toContain(name)
    await expect.poll(() => user.getByRole("link", { name: "COORD-MECH-2017" }).count()).toBe(1)
    // The API still decides: the users page answers 403 to a coordinator who types its address.
    await user.goto(`${server.url}/users`)
    await expect.poll(() => user.getByRole("alert").textContent()).toBe("Your role does not allow this.")
  })

  it("sends the CSRF token with changes made with the cookie, which the API requires", async () => {
    const institution = {
      name: "Община Пловдив",
      kind: "municipality",
      level: "local",
      country: "BG",
    }
    const statuses = await user.evaluate(async (body) => {
      const post = (headers: Record<string, string>) =>
        fetch("/v1/institutions", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", ...headers },
          body: JSON.stringify(body),
        }).then((r) => r.status)
      const csrf = sessionStorage.getItem("coordina.csrf") ?? ""
      return { without: await post({}), with: await post({ "X-CSRF-Token": csrf }) }
    }, institution)
    expect(statuses).toEqual({ without: 403, with: 201 })
  })

  it("signs the coordinator out, after which the old cookie no longer works", async () => {
    const cookie = await sessionCookie(user)
    expect(cookie).toMatch(/^cs_/)
    expect(
      (await request(server, "GET", "/v1/sessions/current", { Cookie: `coordina_session=${cookie}` })).status,
    ).toBe(200)
    await user.goto(`${server.url}/projects`)
    await signOut(user)
    expect(
      (await request(server, "GET", "/v1/sessions/current", { Cookie: `coordina_session=${cookie}` })).status,
    ).toBe(401)
    await user.goto(`${server.url}/projects`)
    await user.waitForURL(/\/sign-in/)
  })

  it("creates an API key, shows it once, and revokes it after confirmation", async () => {
    await signIn(admin, server, "en")
    await admin.waitForURL(/\/projects$/)
    await navTo(admin, "API keys")
    await admin.waitForURL(/\/api-keys$/)
    await admin.getByRole("button", { name: "New API key" }).click()
    const dialog = admin.getByRole("dialog", { name: "New API key" })
    await dialog.getByLabel("Name", { exact: true }).fill("Municipal case system")
    await tick(dialog.getByRole("radiogroup", { name: "Audit log" }).getByRole("radio", { name: "Read" }))
    await tick(dialog.getByRole("radiogroup", { name: "Projects" }).getByRole("radio", { name: "Write" }))
    await dialog.getByRole("button", { name: "Create key" }).click()
    const shown = admin.getByRole("dialog", { name: "Your new API key" })
    await expect
      .poll(() => shown.getByRole("alert").textContent())
      .toContain("This is the only time the key is shown.")
    apiKey = await shown.getByTestId("new-api-key").inputValue()
    expect(apiKey).toMatch(/^ck_/)
    expect(
      (await request(server, "GET", "/v1/audit?limit=1", { Authorization: `Bearer ${apiKey}` })).status,
    ).toBe(200)
    await shown.getByRole("button", { name: "I have stored the key" }).click()
    await expect.poll(() => shown.count()).toBe(0)
    // Listed with its scopes, never with the key.
    const row = admin
      .getByTestId("api-keys-table")
      .getByRole("row")
      .filter({ hasText: "Municipal case system" })
    await expect.poll(() => row.textContent()).toContain("audit:read")
    expect(await admin.content()).not.toContain(apiKey)
    await admin.reload()
    expect(await admin.content()).not.toContain(apiKey)

    await admin.getByRole("button", { name: "Revoke Municipal case system" }).click()
    const confirm = admin.getByRole("alertdialog", { name: "Revoke Municipal case system?" })
    await confirm.getByRole("button", { name: "Revoke key" }).click()
    await expect.poll(() => row.textContent()).toContain("Revoked")
    expect(
      (await request(server, "GET", "/v1/audit?limit=1", { Authorization: `Bearer ${apiKey}` })).status,
    ).toBe(401)
  })

  it("lists these changes in the audit view, filtered by typed search parameters", async () => {
    await navTo(admin, "Audit log")
    await admin.waitForURL(/\/audit$/)
    const table = admin.getByTestId("audit-table")
    await expect
      .poll(() =>
        table
          .getByRole("row")
          .filter({ hasText: `user:${userId}` })
          .count(),
      )
      .toBe(3)
    const actions = await table.locator(":scope > tbody > tr > td:nth-child(3)").allTextContents()
    // Actions in words, newest first: the key's revocation was the last thing done.
    for (const action of ["Created", "Signed in", "Signed out", "Revoked an API key"])
      expect(actions).toContain(action)
    expect(actions[0]).toBe("Revoked an API key")

    await admin.getByLabel("Action", { exact: true }).fill("revoke")
    await admin.getByRole("button", { name: "Filter", exact: true }).click()
    await admin.waitForURL(/\/audit\?action=revoke$/)
    await expect.poll(() => table.locator(":scope > tbody > tr").count()).toBe(1)
    // Before and after as a readable diff: the key's revocation instant was added.
    const revoked = table.locator(":scope > tbody > tr").first()
    await expect.poll(() => revoked.textContent()).toContain("revokedAt")

    // A record's entries, by following its link; the filters live in the address.
    await admin.getByRole("button", { name: "Clear filters" }).click()
    await admin.waitForURL(/\/audit$/)
    await admin
      .getByRole("button", { name: `user:${userId}: show only its entries` })
      .first()
      .click()
    await admin.waitForURL(new RegExp(`/audit\\?entity=user%3A${userId}$`))
    await expect.poll(() => table.locator(":scope > tbody > tr").count()).toBe(3)
    await admin.goto(`${server.url}/audit?entity=${encodeURIComponent(`user:${userId}`)}&action=create`)
    await expect.poll(() => table.locator(":scope > tbody > tr").count()).toBe(1)
    await expect
      .poll(() => table.locator(":scope > tbody > tr").first().textContent())
      .toContain(coordinator.email)
    await expect.poll(() => admin.getByLabel("Record", { exact: true }).inputValue()).toBe(`user:${userId}`)
  })

  it("shows a stale edit (409) and saves once the current version is loaded", async () => {
    await navTo(admin, "Users")
    await admin.waitForURL(/\/users$/)
    await admin.getByRole("button", { name: `Edit ${coordinator.email}` }).click()
    const dialog = admin.getByRole("dialog", { name: `Edit ${coordinator.email}` })
    // Someone else renames the user meanwhile.
    const current = await server.api<{ version: number }>("GET", `/v1/users/${userId}`)
    const elsewhere = await request(
      server,
      "PATCH",
      `/v1/users/${userId}`,
      { Authorization: `Bearer ${adminToken}`, "If-Match": String(current.version) },
      { displayName: "Ana P. Petrova" },
    )
    expect(elsewhere.status).toBe(200)
    await dialog.getByLabel("Name", { exact: true }).fill("Ana Petrova-Ivanova")
    await dialog.getByRole("button", { name: "Save" }).click()
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toContain("Someone else changed this user")
    await dialog.getByRole("button", { name: "Load current version" }).click()
    await expect.poll(() => dialog.getByLabel("Name", { exact: true }).inputValue()).toBe("Ana P. Petrova")
    await dialog.getByLabel("Name", { exact: true }).fill("Ana Petrova-Ivanova")
    await dialog.getByRole("button", { name: "Save" }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    const row = admin.getByTestId("users-table").getByRole("row").filter({ hasText: coordinator.email })
    await expect.poll(() => row.textContent()).toContain("Ana Petrova-Ivanova")
  })

  it("shows the retention policy and what a dry run would erase, changing nothing", async () => {
    const institution = await server.api<{ id: string }>("POST", "/v1/institutions", {
      name: "Държавна агенция за бежанците",
      kind: "state_authority",
      level: "central",
      country: "BG",
    })
    personId = (
      await server.api<{ id: string }>("POST", "/v1/people", {
        givenName: "Мария",
        familyName: "Иванова",
        email: "maria.ivanova@example.org",
        institutionId: institution.id,
      })
    ).id
    await navTo(admin, "Data protection")
    await admin.waitForURL(/\/data-protection$/)
    const policy = admin.getByRole("table").filter({ hasText: "Participants' personal data" })
    await expect
      .poll(() => policy.getByRole("row", { name: /Participants' personal data/ }).textContent())
      .toContain("5 years")
    await admin.getByLabel("On the day", { exact: true }).fill("2040-01-01")
    await admin.getByRole("button", { name: "Show what would be erased" }).click()
    await expect.poll(() => admin.getByTestId("due-participant_personal").textContent()).toBe("1")
    expect(await server.api("GET", `/v1/people/${personId}`)).toMatchObject({ givenName: "Мария" })
  })

  it("exports a participant's data as JSON and erases it after confirmation, keeping the record", async () => {
    await admin.getByLabel("Id", { exact: true }).fill(personId)
    await admin.getByRole("button", { name: "Open", exact: true }).click()
    await admin.waitForURL(new RegExp(`/data-protection\\?kind=person&id=${personId}$`))
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("button", { name: "Export data (JSON)" }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`person-${personId}.json`)
    const exported = JSON.parse(await readFile((await download.path())!, "utf8"))
    expect(exported.entity).toBe(`person:${personId}`)
    expect(JSON.stringify(exported.records)).toContain("maria.ivanova@example.org")

    await admin.getByRole("button", { name: "Erase personal data…" }).click()
    const confirm = admin.getByRole("alertdialog", { name: "Erase this person's personal data?" })
    await expect.poll(() => confirm.textContent()).toContain("Every total stays as it was")
    await confirm.getByRole("button", { name: "Erase", exact: true }).click()
    await expect
      .poll(() => admin.getByRole("status").filter({ hasText: "Erased" }).textContent())
      .toMatch(/^Erased: 1 record; the person is now ERASED-[0-9a-f]{16}\.$/)
    expect(await server.api("GET", `/v1/people/${personId}`)).toMatchObject({
      id: personId,
      givenName: "Erased",
    })
    const audit = await server.api<{ items: ReadonlyArray<{ action: string }> }>(
      "GET",
      `/v1/audit?entity=person:${personId}`,
    )
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(["read_personal", "erase"]))
  })
})
