import { Effect, Option, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EmailMessage, EmailSender } from "./EmailSender.js"
import { emailSenderLayer, smtpEmailSender, smtpUrlProblem } from "./SmtpEmailSender.js"
import { type SmtpCapture, startSmtpCapture } from "./testing/SmtpCapture.js"

let smtp: SmtpCapture
beforeAll(async () => {
  smtp = await startSmtpCapture()
})
afterAll(() => smtp.close())

const send = (url: string, message: EmailMessage) =>
  Effect.runPromise(
    Effect.flatMap(EmailSender, (sender) => sender.send(message)).pipe(
      Effect.provide(smtpEmailSender({ url: Redacted.make(url), from: "Coordina <no-reply@coordina.test>" })),
    ),
  )

const ics = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//test//EN",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:evt_1@coordina.test",
  "DTSTAMP:20260615T090000Z",
  "DTSTART:20260620T070000Z",
  "SUMMARY:Обучение",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n")

describe("the SMTP e-mail sender", () => {
  it("delivers the text and HTML parts, the language and the .ics to a real SMTP server", async () => {
    const before = smtp.received.length
    const outcome = await send(
      smtp.url,
      EmailMessage.make({
        to: ["a@example.bg", "b@example.bg"],
        subject: "Нова задача",
        text: "Здравейте,\nимате нова задача.",
        html: "<p>Здравейте,</p><p>имате нова задача.</p>",
        language: "bg",
        calendar: { filename: "event.ics", content: ics },
      }),
    )
    expect(outcome).toBe("sent")
    const { recipients, mail } = smtp.received[before]!
    expect(recipients).toEqual(["a@example.bg", "b@example.bg"])
    expect(mail.subject).toBe("Нова задача")
    expect(mail.from?.text).toContain("no-reply@coordina.test")
    expect(mail.text?.trim()).toBe("Здравейте,\nимате нова задача.")
    expect(mail.html).toContain("<p>имате нова задача.</p>")
    expect(mail.headers.get("content-language")).toBe("bg")
    const calendar = mail.attachments.find((a) => a.filename === "event.ics")
    expect(calendar?.contentType).toBe("text/calendar")
    expect(calendar?.headers.get("content-type")).toMatchObject({ params: { method: "REQUEST" } })
    expect(calendar?.content.toString("utf8")).toContain("SUMMARY:Обучение")
  })

  it("sends no attachment when the message has no calendar", async () => {
    const before = smtp.received.length
    await send(
      smtp.url,
      EmailMessage.make({ to: ["c@example.bg"], subject: "Hi", text: "t", html: "<b>h</b>", language: "en" }),
    )
    expect(smtp.received[before]!.mail.attachments).toEqual([])
  })

  it("fails with EmailSendFailed when the server refuses the credentials", async () => {
    const wrong = smtp.url.replace("secret", "wrong")
    const result = await Effect.runPromise(
      Effect.flip(
        Effect.flatMap(EmailSender, (sender) =>
          sender.send(
            EmailMessage.make({ to: ["c@example.bg"], subject: "x", text: "x", html: "x", language: "en" }),
          ),
        ).pipe(
          Effect.provide(smtpEmailSender({ url: Redacted.make(wrong), from: "no-reply@coordina.test" })),
        ),
      ),
    )
    expect(result._tag).toBe("EmailSendFailed")
    expect(result.reason).not.toContain("wrong")
  })

  it("answers not_configured without a URL", async () => {
    const outcome = await Effect.runPromise(
      Effect.flatMap(EmailSender, (sender) =>
        sender.send(
          EmailMessage.make({ to: ["c@example.bg"], subject: "x", text: "x", html: "x", language: "en" }),
        ),
      ).pipe(Effect.provide(emailSenderLayer(Option.none()))),
    )
    expect(outcome).toBe("not_configured")
  })

  it("tells why a value is not an SMTP URL", () => {
    expect(smtpUrlProblem("smtp://mail.example.bg:587")).toBeUndefined()
    expect(smtpUrlProblem("smtps://u:p@mail.example.bg")).toBeUndefined()
    expect(smtpUrlProblem("mail.example.bg")).toBe("not a URL")
    expect(smtpUrlProblem("https://mail.example.bg")).toMatch(/smtp/)
  })
})
