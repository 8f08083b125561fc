import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import type { AppEnv } from "./AppEnv.js"
import { makeHeavyQueue } from "./HeavyQueue.js"
import { takeTurns } from "./Turns.js"

/** An app whose `/v1/slow/:n` answers only when the test lets request n go. */
const gatedApp = (concurrency: number, queue: number) => {
  const gates = new Map<string, () => void>()
  const started: Array<string> = []
  const app = new Hono<AppEnv>()
    .use("/v1/*", takeTurns(makeHeavyQueue({ concurrency, queue })))
    .get("/v1/slow/:n", async (c) => {
      started.push(c.req.param("n"))
      await new Promise<void>((go) => gates.set(c.req.param("n"), go))
      return c.text(c.req.param("n"))
    })
    .get("/v1/people/:id/export", (c) => c.text("heavy"))
  const open = (n: string) => gates.get(n)!()
  return { app, started, open }
}

const settle = () => new Promise((r) => setTimeout(r, 10))

describe("turns for ordinary requests", () => {
  it("runs a few at once and the rest in arrival order, refusing with 503 past the queue", async () => {
    const { app, started, open } = gatedApp(2, 2)
    const answers = ["1", "2", "3", "4"].map((n) => app.request(`/v1/slow/${n}`))
    await settle()
    expect(started).toEqual(["1", "2"])
    const refused = await app.request("/v1/slow/5")
    expect(refused.status).toBe(503)
    expect(refused.headers.get("Retry-After")).toBe("5")
    open("2")
    await settle()
    expect(started).toEqual(["1", "2", "3"])
    open("1")
    await settle()
    expect(started).toEqual(["1", "2", "3", "4"])
    open("3")
    open("4")
    expect(await Promise.all(answers.map(async (a) => (await a).text()))).toEqual(["1", "2", "3", "4"])
  })

  it("lets heavy requests, which have their own queue, straight through", async () => {
    const { app, open } = gatedApp(1, 0)
    const waiting = app.request("/v1/slow/1")
    await settle()
    expect((await app.request("/v1/people/per_1/export")).status).toBe(200)
    open("1")
    expect((await waiting).status).toBe(200)
  })
})
