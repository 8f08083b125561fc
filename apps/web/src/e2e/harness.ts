/**
 * Browser tests' harness: the real API (serving the built SPA) on a fresh database and a free
 * port, and headless Chromium driven by playwright-core. Without Chromium the browser tests
 * are skipped, except under CI=true or when COORDINA_TEST_REQUIRE names chromium (as `pnpm
 * test` does), where that is a failure.
 */
import { existsSync, mkdtempSync } from "node:fs"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { makeApp } from "@coordina/api"
import { App, type Today } from "@coordina/app"
import { type ServerType, serve } from "@hono/node-server"
import { type Layer, ManagedRuntime } from "effect"
import { type Browser, chromium, type Page } from "playwright-core"

/** The admin token the harness's API accepts. */
export const adminToken = "e2e-admin-token"

/** The pseudonym salt of the test servers (erasure needs one). */
export const e2ePseudonymSalt = "e2e-pseudonym-salt-not-secret"

/** Where Debian installs Chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

/** Whether browser tests can run here; under CI a missing browser or build throws instead. */
export const browserAvailable = (() => {
  const missing = [
    !existsSync(chromiumPath) && `Chromium at ${chromiumPath}`,
    !existsSync(resolve(import.meta.dirname, "../../dist/index.html")) && "the built SPA (run vite build)",
  ].filter(Boolean)
  if (missing.length === 0) return true
  const required = (process.env.COORDINA_TEST_REQUIRE ?? "").split(",").includes("chromium")
  if (process.env.CI === "true" || required) throw new Error(`Browser tests need ${missing.join(" and ")}`)
  return false
})()

/** A running API with the SPA, and how to reach and stop it. */
export interface TestServer {
  readonly url: string
  /** The server's database, for another process (a worker) to share. */
  readonly databaseUrl: string
  readonly api: <A = unknown>(method: string, path: string, body?: unknown) => Promise<A>
  readonly stop: () => Promise<void>
}

/**
 * Starts the API over a new SQLite database (or `databaseUrl`), serving the built SPA, with
 * erasure configured (the API refuses it without a pseudonym salt). `today` replaces the clock,
 * e.g. `Today.fixed(instant)`.
 */
export const startServer = async (
  options: { readonly databaseUrl?: string; readonly today?: Layer.Layer<Today> } = {},
): Promise<TestServer> => {
  const url = options.databaseUrl ?? `file:${join(mkdtempSync(join(tmpdir(), "coordina-e2e-")), "e2e.db")}`
  const runtime = ManagedRuntime.make(
    App.layer({
      databaseUrl: url,
      timeZone: "Europe/Sofia",
      ...(options.today ? { today: options.today } : {}),
    }),
  )
  await runtime.runtime()
  const app = makeApp(runtime, {
    adminToken,
    bodyLimitBytes: 1024 * 1024,
    webDist: resolve(import.meta.dirname, "../../dist"),
    pseudonymSalt: e2ePseudonymSalt,
  })
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => ready(s))
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    databaseUrl: url,
    api: async (method, path, body) => {
      const res = await fetch(base + path, {
        method,
        headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.json()
    },
    stop: async () => {
      await new Promise((done) => server.close(done))
      await runtime.dispose()
    },
  }
}

/** Headless Chromium with the flags this machine needs (no network beyond loopback). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })

/** Signs in through the SPA's sign-in page with the admin token, in the given language. */
export const signIn = async (page: Page, server: TestServer, language: "bg" | "en" = "en"): Promise<void> => {
  await page.goto(`${server.url}/sign-in`)
  await page.evaluate((l) => localStorage.setItem("coordina.language", l), language)
  await page.reload()
  await page
    .getByRole("textbox", { name: language === "en" ? "Access token" : "Ключ за достъп" })
    .fill(adminToken)
  await page.getByRole("button", { name: language === "en" ? "Sign in" : "Вход" }).click()
}

/** Signs in through the sign-in page's email-and-password tab, in the given language. */
export const signInWithPassword = async (
  page: Page,
  server: TestServer,
  credentials: { readonly email: string; readonly password: string },
  language: "bg" | "en" = "en",
): Promise<void> => {
  await page.goto(`${server.url}/sign-in?method=password`)
  await page.evaluate((l) => localStorage.setItem("coordina.language", l), language)
  await page.reload()
  await page.getByLabel(language === "en" ? "Email" : "Имейл", { exact: true }).fill(credentials.email)
  await page.getByLabel(language === "en" ? "Password" : "Парола", { exact: true }).fill(credentials.password)
  await page.getByRole("button", { name: language === "en" ? "Sign in" : "Вход", exact: true }).click()
}

/** Signs out with the top bar's button and waits for the sign-in page. */
export const signOut = async (page: Page, language: "bg" | "en" = "en"): Promise<void> => {
  await page.getByRole("button", { name: language === "en" ? "Sign out" : "Изход", exact: true }).click()
  await page.waitForURL(/\/sign-in/)
}

/** The session cookie the browser holds for the server, if any (its value, for replaying it). */
export const sessionCookie = async (page: Page): Promise<string | undefined> =>
  (await page.context().cookies()).find((c) => c.name.endsWith("coordina_session"))?.value

/** A raw request to the server with the given headers, answering the status and the parsed body. */
export const request = async (
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** The main navigation (either language). */
const mainNav = (page: Page) => page.locator("nav#main-navigation")

/** The names of every entry of the main navigation the caller is offered, open or folded. */
export const navEntries = (page: Page): Promise<ReadonlyArray<string>> =>
  mainNav(page).locator(".nav-group-links a").allTextContents()

/**
 * Follows an entry of the grouped navigation: opens the menu (narrow screens) and the entry's
 * group when they are folded, then clicks the entry.
 */
export const navTo = async (page: Page, name: string): Promise<void> => {
  const toggle = page.locator(".menu-toggle")
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click()
  }
  const link = mainNav(page).getByRole("link", { name, exact: true })
  if (!(await link.isVisible()))
    await mainNav(page)
      .locator(".nav-group", { has: page.locator(".nav-group-links a", { hasText: name }) })
      .locator(".nav-group-button")
      .click()
  await link.click()
}
