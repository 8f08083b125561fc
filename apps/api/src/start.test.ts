/**
 * `pnpm start` keeps the API up: its supervisor (tooling/scripts/supervise.mjs) restarts a
 * crashed API with back-off and says so in its log. The API here is the bundled process, as
 * production runs it.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { supervise } from "../../../tooling/scripts/supervise.mjs"
import { apiNodeFlags, bundleApi, freePort } from "./testing/ApiProcess.js"

const healthy = async (base: string, withinMs: number) => {
  const until = Date.now() + withinMs
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/health`)).ok) return true
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

describe("pnpm start's supervisor", () => {
  const dir = mkdtempSync(join(tmpdir(), "coordina-start-"))
  const lines: Array<string> = []
  let stop: (() => Promise<void>) | undefined
  afterAll(async () => {
    await stop?.()
    rmSync(dir, { recursive: true, force: true })
  })

  it("restarts the API after it is killed, and says so in its log", async () => {
    const bundle = bundleApi("coordina-start-server")
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const api = supervise({
      name: "api",
      command: process.execPath,
      args: [...apiNodeFlags(), bundle],
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, "api.db")}`,
        COORDINA_DEMO: "off",
        COORDINA_ADMIN_TOKEN: "start-test-admin-token-0123456789abc",
      },
      stdio: ["ignore", "ignore", "inherit"],
      log: (line) => lines.push(line),
    })
    stop = () => api.stop()
    expect(await healthy(base, 60_000)).toBe(true)
    const first = api.child()!.pid
    api.child()!.kill("SIGKILL")
    await new Promise((r) => setTimeout(r, 300))
    expect(lines).toEqual(["api stopped (signal SIGKILL); restarting in 1 s"])
    expect(await healthy(base, 60_000)).toBe(true)
    expect(api.child()!.pid).not.toBe(first)
    // A second crash soon after waits twice as long.
    api.child()!.kill("SIGKILL")
    await new Promise((r) => setTimeout(r, 300))
    expect(lines.at(-1)).toBe("api stopped (signal SIGKILL); restarting in 2 s")
    expect(await healthy(base, 60_000)).toBe(true)
  }, 300_000)
})
