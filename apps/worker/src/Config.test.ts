import { Either, Option, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { loadConfig } from "./Config.js"

describe("worker configuration", () => {
  it("defaults to the embedded database and Sofia's time", () => {
    expect(Either.getOrThrow(loadConfig({}))).toMatchObject({
      databaseUrl: "file:./data/coordina.db",
      timeZone: "Europe/Sofia",
      reportPollMs: 1000,
      reportLeaseSeconds: 30,
      reportStepDelayMs: 0,
      outboxPollMs: 1000,
      outboxBatch: 20,
      outboxLeaseSeconds: 60,
      webhookAllowPrivate: false,
    })
  })
  it("reads the outbox's settings and refuses a bad switch or batch, naming the variable", () => {
    expect(
      Either.getOrThrow(
        loadConfig({
          COORDINA_WEBHOOK_ALLOW_PRIVATE: "on",
          COORDINA_OUTBOX_BATCH: "5",
          COORDINA_OUTBOX_POLL_MS: "50",
        }),
      ),
    ).toMatchObject({ webhookAllowPrivate: true, outboxBatch: 5, outboxPollMs: 50 })
    const bad = loadConfig({ COORDINA_WEBHOOK_ALLOW_PRIVATE: "yes" })
    expect(Either.isLeft(bad) && String(bad.left)).toMatch(/COORDINA_WEBHOOK_ALLOW_PRIVATE/)
    const zero = loadConfig({ COORDINA_OUTBOX_BATCH: "0" })
    expect(Either.isLeft(zero) && String(zero.left)).toMatch(/COORDINA_OUTBOX_BATCH/)
  })
  it("refuses a negative report poll interval, naming the variable", () => {
    const loaded = loadConfig({ COORDINA_REPORT_POLL_MS: "-5" })
    expect(Either.isLeft(loaded) && String(loaded.left)).toMatch(/COORDINA_REPORT_POLL_MS/)
  })
  it("refuses an unknown time zone, naming the variable", () => {
    const loaded = loadConfig({ COORDINA_TIME_ZONE: "Mars/Olympus" })
    expect(Either.isLeft(loaded) && String(loaded.left)).toMatch(/COORDINA_TIME_ZONE/)
  })
})

describe("worker e-mail configuration", () => {
  it("leaves e-mail not configured without COORDINA_SMTP_URL", () => {
    expect(Option.isNone(Either.getOrThrow(loadConfig({})).smtp)).toBe(true)
  })
  it("reads an SMTP URL and a sender, keeping the URL redacted", () => {
    const smtp = Either.getOrThrow(
      loadConfig({
        COORDINA_SMTP_URL: "smtps://u:p4ss@mail.example.bg:465",
        COORDINA_SMTP_FROM: "Coordina <noreply@example.bg>",
      }),
    ).smtp
    expect(Option.map(smtp, (s) => [Redacted.value(s.url), s.from])).toEqual(
      Option.some(["smtps://u:p4ss@mail.example.bg:465", "Coordina <noreply@example.bg>"]),
    )
    expect(String(Option.getOrThrow(smtp).url)).not.toContain("p4ss")
  })
  it("defaults the sender to no-reply at the SMTP host", () => {
    const smtp = Either.getOrThrow(loadConfig({ COORDINA_SMTP_URL: "smtp://mail.example.bg:587" })).smtp
    expect(Option.getOrThrow(smtp).from).toBe("Coordina <no-reply@mail.example.bg>")
  })
  it.each(["mail.example.bg", "https://mail.example.bg", "smtp://"])(
    "refuses %s, naming the variable",
    (url) => {
      const loaded = loadConfig({ COORDINA_SMTP_URL: url })
      expect(Either.isLeft(loaded) && String(loaded.left)).toMatch(/COORDINA_SMTP_URL/)
    },
  )
  it("refuses a sender that is not an address, naming the variable", () => {
    const loaded = loadConfig({ COORDINA_SMTP_URL: "smtp://mail.example.bg", COORDINA_SMTP_FROM: "nobody" })
    expect(Either.isLeft(loaded) && String(loaded.left)).toMatch(/COORDINA_SMTP_FROM/)
  })
})
