/**
 * An API over a fresh database for tests: requests go straight to the Hono app, no socket.
 * @module
 */
import { App, type AppServices, type Today } from "@coordina/app"
import type { TestDatabase } from "@coordina/store/testing"
import { type Effect, type Layer, ManagedRuntime } from "effect"
import { makeApp } from "../app.js"
import type { AppRuntime } from "../http/AppEnv.js"

/** The admin token the test apps accept. */
export const adminToken = "test-admin-token"

/** A test API and helpers to call it as admin. */
export interface TestApp {
  readonly request: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>
  readonly json: <A = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: A }>
  readonly dispose: () => Promise<void>
  /** The database the app runs on (`file:…` or `postgres://…`). */
  readonly databaseUrl: string
  /** The Hono app itself, for tests that walk its routes. */
  readonly app: ReturnType<typeof makeApp>
  /** The app's runtime, for tests that run what the worker runs (the same services). */
  readonly runtime: AppRuntime
  /** Runs an effect on the API's own runtime (its database), e.g. to load data or count rows. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>
}

/** Starts an API on a new, migrated database of the given kind. */
export const startTestApp = async (
  db: TestDatabase,
  options: {
    bodyLimitBytes?: number
    sheetLimitBytes?: number
    evidenceLimitBytes?: number
    heavyConcurrency?: number
    heavyQueue?: number
    today?: Layer.Layer<Today>
    webhookAllowPrivate?: boolean
  } = {},
): Promise<TestApp> => {
  const databaseUrl = await db.freshUrl()
  const runtime = ManagedRuntime.make(
    App.layer({
      databaseUrl,
      timeZone: "Europe/Sofia",
      ...(options.today ? { today: options.today } : {}),
      webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    }),
  )
  await runtime.runtime()
  const app = makeApp(runtime, {
    adminToken,
    // Tests name the client address in X-Forwarded-For, and erase with a fixed salt.
    trustProxy: true,
    pseudonymSalt: "test-pseudonym-salt-0123456789",
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    sheetLimitBytes: options.sheetLimitBytes ?? 20 * 1024 * 1024,
    ...(options.evidenceLimitBytes === undefined ? {} : { evidenceLimitBytes: options.evidenceLimitBytes }),
    ...(options.heavyConcurrency === undefined ? {} : { heavyConcurrency: options.heavyConcurrency }),
    ...(options.heavyQueue === undefined ? {} : { heavyQueue: options.heavyQueue }),
    webDist: "/nonexistent",
  })
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json", ...headers },
        ...(body === undefined
          ? {}
          : { body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body) }),
      }),
    )
  return {
    request,
    json: async (method, path, body) => {
      const res = await request(method, path, body)
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : {} }
    },
    dispose: () => runtime.dispose(),
    databaseUrl,
    app,
    runtime,
    run: (effect) => runtime.runPromise(effect),
  }
}
