/**
 * The API's one "today": at 23:30 UTC on 31 December it is already 1 January in Sofia, and the
 * API says so to every signed-in caller.
 */
import { Today } from "@coordina/app"
import { TodayView } from "@coordina/domain"
import { testDatabases } from "@coordina/store/testing"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApp, type TestApp } from "../testing/TestApp.js"

const sqlite = testDatabases().find((d) => d.name === "sqlite")!
const newYearsEveInUtc = "2026-12-31T23:30:00.000Z"

describe("GET /v1/today", () => {
  let api: TestApp
  beforeAll(async () => {
    api = await startTestApp(sqlite, { today: Today.fixed(newYearsEveInUtc, "Europe/Sofia") })
  })
  afterAll(() => api.dispose())

  it("answers 1 January in Sofia at 23:30 UTC on 31 December", async () => {
    const res = await api.json("GET", "/v1/today")
    expect(res.status).toBe(200)
    expect(Schema.decodeUnknownSync(TodayView)(res.body)).toEqual({
      date: "2027-01-01",
      zone: "Europe/Sofia",
      now: newYearsEveInUtc,
    })
  })

  it("refuses a caller without a token", async () => {
    expect((await api.request("GET", "/v1/today", undefined, { Authorization: "" })).status).toBe(401)
  })
})
