import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { loadConfig } from "./Config.js"

describe("worker configuration", () => {
  it("defaults to the embedded database and Sofia's time", () => {
    expect(Either.getOrThrow(loadConfig({}))).toEqual({
      databaseUrl: "file:./data/coordina.db",
      timeZone: "Europe/Sofia",
    })
  })
  it("refuses an unknown time zone, naming the variable", () => {
    const loaded = loadConfig({ COORDINA_TIME_ZONE: "Mars/Olympus" })
    expect(Either.isLeft(loaded) && String(loaded.left)).toMatch(/COORDINA_TIME_ZONE/)
  })
})
