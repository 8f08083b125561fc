import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { configErrorText, loadConfig, minAdminTokenLength } from "./Config.js"

const errorOf = (env: Record<string, string>) => {
  const loaded = loadConfig(env)
  if (Either.isRight(loaded)) throw new Error("expected a configuration error")
  return configErrorText(loaded.left)
}

describe("API configuration", () => {
  it("has defaults a newcomer needs: loopback only, port 3000, SQLite, demo data", () => {
    const config = Either.getOrThrow(loadConfig({}))
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: "file:./data/coordina.db",
      demo: true,
      trustProxy: false,
      timeZone: "Europe/Sofia",
      adminToken: undefined,
      heavyConcurrency: 2,
      heavyQueue: 8,
      webhookAllowPrivate: false,
    })
  })

  it("reads every variable it documents", () => {
    const token = "t".repeat(minAdminTokenLength)
    const config = Either.getOrThrow(
      loadConfig({
        HOST: "0.0.0.0",
        PORT: "8080",
        COORDINA_ADMIN_TOKEN: token,
        COORDINA_DEMO: "off",
        COORDINA_TRUST_PROXY: "on",
        COORDINA_BODY_LIMIT: "2048",
        COORDINA_SHEET_LIMIT: "4096",
        COORDINA_EVIDENCE_LIMIT: "8192",
        COORDINA_PSEUDONYM_SALT: "0123456789abcdef",
        COORDINA_TIME_ZONE: "UTC",
        COORDINA_HEAVY_CONCURRENCY: "1",
        COORDINA_HEAVY_QUEUE: "0",
        COORDINA_WEB_DIST: "/srv/web",
        COORDINA_WEBHOOK_ALLOW_PRIVATE: "on",
      }),
    )
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      adminToken: token,
      demo: false,
      trustProxy: true,
      bodyLimitBytes: 2048,
      sheetLimitBytes: 4096,
      evidenceLimitBytes: 8192,
      pseudonymSalt: "0123456789abcdef",
      timeZone: "UTC",
      heavyConcurrency: 1,
      heavyQueue: 0,
      webDist: "/srv/web",
      webhookAllowPrivate: true,
    })
  })

  it("refuses a bad PORT, a short admin token, an unknown zone and a bad switch, naming each", () => {
    expect(errorOf({ PORT: "30x0" })).toMatch(/PORT/)
    expect(errorOf({ PORT: "70000" })).toMatch(/PORT/)
    const short = errorOf({ COORDINA_ADMIN_TOKEN: "x" })
    expect(short).toMatch(/COORDINA_ADMIN_TOKEN/)
    expect(short).toMatch(/at least 32 characters/)
    expect(errorOf({ COORDINA_TIME_ZONE: "Europe/Nowhere" })).toMatch(/COORDINA_TIME_ZONE/)
    expect(errorOf({ COORDINA_TRUST_PROXY: "yes" })).toMatch(/COORDINA_TRUST_PROXY/)
    expect(errorOf({ COORDINA_WEBHOOK_ALLOW_PRIVATE: "true" })).toMatch(/COORDINA_WEBHOOK_ALLOW_PRIVATE/)
    expect(errorOf({ COORDINA_HEAVY_QUEUE: "-1" })).toMatch(/COORDINA_HEAVY_QUEUE/)
  })

  it("takes an empty variable as unset", () => {
    expect(Either.getOrThrow(loadConfig({ PORT: "", COORDINA_ADMIN_TOKEN: "" }))).toMatchObject({
      port: 3000,
      adminToken: undefined,
    })
  })
})
