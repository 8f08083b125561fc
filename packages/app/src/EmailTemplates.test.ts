import { isoDate } from "@coordina/domain"
import { Effect, Redacted } from "effect"
import ICAL from "ical.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dailyDigestEmail,
  escapeHtml,
  eventReminderEmail,
  formatDate,
  registrationConfirmationEmail,
  registrationPromotedEmail,
  type TaskFacts,
  taskAssignedEmail,
  taskOverdueEmail,
  taskReminderEmail,
} from "./EmailTemplates.js"
import { type EmailMessage, EmailSender } from "./EmailSender.js"
import { smtpEmailSender } from "./SmtpEmailSender.js"
import { type SmtpCapture, startSmtpCapture } from "./testing/SmtpCapture.js"

const task: TaskFacts = {
  taskId: "tsk_000005",
  agreementId: "agr_000003",
  area: "housing",
  institutionName: "Община <Тест> & Co",
  dueDate: isoDate("2026-04-23"),
  link: "https://coordina.example/tasks/tsk_000005",
}
const event = {
  eventId: "evt_1",
  title: "Training on <integration>",
  startDate: isoDate("2026-06-20"),
  endDate: isoDate("2026-06-21"),
  city: "София",
  projectCode: "COORD-1",
}

let smtp: SmtpCapture
beforeAll(async () => {
  smtp = await startSmtpCapture()
})
afterAll(() => smtp.close())

/** Sends through nodemailer to the capture server and answers the message as received. */
const roundTrip = async (message: EmailMessage) => {
  const before = smtp.received.length
  await Effect.runPromise(
    Effect.flatMap(EmailSender, (s) => s.send(message)).pipe(
      Effect.provide(smtpEmailSender({ url: Redacted.make(smtp.url), from: "no-reply@coordina.test" })),
    ),
  )
  return smtp.received[before]!.mail
}

describe("e-mail templates", () => {
  it("write dates as each language does", () => {
    expect(formatDate(isoDate("2026-04-03"), "bg")).toBe("03.04.2026 г.")
    expect(formatDate(isoDate("2026-04-03"), "en")).toBe("3 April 2026")
  })

  it("escape every value in the HTML part, and keep it as typed in the text part", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    const m = taskAssignedEmail(["office@x.bg"], "bg", task)
    expect(m.html).toContain("Община &lt;Тест&gt; &amp; Co")
    expect(m.html).not.toContain("<Тест>")
    expect(m.text).toContain("Община <Тест> & Co")
  })

  it.each(["bg", "en"] as const)(
    "deliver the task e-mail in %s with its text and HTML parts",
    async (language) => {
      const mail = await roundTrip(taskAssignedEmail(["office@x.bg"], language, task))
      expect(mail.subject).toBe(
        language === "bg" ? "Нова задача за Община <Тест> & Co" : "New task for Община <Тест> & Co",
      )
      expect(mail.text).toContain("tsk_000005")
      expect(mail.text).toContain(language === "bg" ? "Жилищно настаняване" : "Housing")
      expect(mail.text).toContain(language === "bg" ? "23.04.2026 г." : "23 April 2026")
      expect(mail.html).toContain(`<html lang="${language}">`)
      expect(mail.html).toContain('<a href="https://coordina.example/tasks/tsk_000005">')
      expect(mail.headers.get("content-language")).toBe(language)
    },
  )

  it("remind and warn of a task in both languages", () => {
    expect(taskReminderEmail(["a@x.bg"], "bg", task, 3).text).toContain("остават 3 работни дни")
    expect(taskReminderEmail(["a@x.bg"], "en", task, 1).text).toContain("due in 1 working day.")
    expect(taskOverdueEmail(["a@x.bg"], "en", task, isoDate("2026-04-24")).subject).toBe(
      "Task tsk_000005 is overdue",
    )
    expect(taskOverdueEmail(["a@x.bg"], "bg", task, isoDate("2026-04-24")).text).toContain("24.04.2026 г.")
  })

  it.each(["bg", "en"] as const)("deliver the digest in %s with its three lists", async (language) => {
    const mail = await roundTrip(
      dailyDigestEmail(["coord@x.bg"], language, {
        asOf: isoDate("2026-04-24"),
        overdueTasks: [task],
        upcomingEvents: [event],
        behindTargets: [
          { projectCode: "COORD-1", indicator: "direct", value: 270, achieved: 40, expected: 90.5 },
        ],
      }),
    )
    expect(mail.text).toContain(language === "bg" ? "Просрочени задачи (1)" : "Overdue tasks (1)")
    expect(mail.text).toContain("COORD-1: Training on <integration>, София")
    expect(mail.text).toContain(
      language === "bg"
        ? "постигнати 40 от 270, очаквани към днес 90.5"
        : "40 of 270 achieved, 90.5 expected by now",
    )
    expect(mail.html).toContain("Training on &lt;integration&gt;")
  })

  it.each(["bg", "en"] as const)(
    "deliver the registration confirmation in %s with a valid .ics",
    async (language) => {
      const mail = await roundTrip(
        registrationConfirmationEmail("ana@ngo.bg", language, event, "registered", {
          stamp: "2026-06-01T08:00:00Z",
          uidHost: "coordina.example",
          organizer: { name: "Coordina", email: "no-reply@coordina.example" },
        }),
      )
      expect(mail.subject).toBe(
        language === "bg"
          ? "Потвърдена регистрация: Training on <integration>"
          : "Registration confirmed: Training on <integration>",
      )
      const attachment = mail.attachments.find((a) => a.filename === "event.ics")!
      expect(attachment.contentType).toBe("text/calendar")
      const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString("utf8")))
      expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST")
      const vevent = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!)
      expect(vevent.uid).toBe("evt_1@coordina.example")
      expect(vevent.summary).toBe("Training on <integration>")
      expect(vevent.location).toBe("София")
      expect(vevent.startDate.toString()).toBe("2026-06-20")
      // A whole-day event ends on the day after its last day.
      expect(vevent.endDate.toString()).toBe("2026-06-22")
      expect(vevent.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
        "mailto:ana@ngo.bg",
      ])
    },
  )

  it("put no calendar on a waiting-list answer, and remind the day before", () => {
    const waiting = registrationConfirmationEmail("ana@ngo.bg", "en", event, "waitlisted", {
      stamp: "2026-06-01T08:00:00Z",
      uidHost: "coordina.example",
    })
    expect(waiting.calendar).toBeUndefined()
    expect(waiting.subject).toBe("On the waiting list: Training on <integration>")
    expect(eventReminderEmail(["ana@ngo.bg"], "bg", event).subject).toBe("Утре: Training on <integration>")
  })

  it.each(["bg", "en"] as const)(
    "deliver the promotion from the waiting list in %s with a valid .ics",
    async (language) => {
      const mail = await roundTrip(
        registrationPromotedEmail("ana@ngo.bg", language, event, {
          stamp: "2026-06-01T08:00:00Z",
          uidHost: "coordina.example",
        }),
      )
      expect(mail.subject).toBe(
        language === "bg"
          ? "Освободи се място: Training on <integration>"
          : "A place is yours: Training on <integration>",
      )
      expect(mail.text).toContain(language === "bg" ? "вече сте регистрирани" : "you are now registered")
      const attachment = mail.attachments.find((a) => a.filename === "event.ics")!
      const vevent = new ICAL.Event(
        new ICAL.Component(ICAL.parse(attachment.content.toString("utf8"))).getFirstSubcomponent("vevent")!,
      )
      expect(vevent.uid).toBe("evt_1@coordina.example")
      expect(vevent.startDate.toString()).toBe("2026-06-20")
      expect(vevent.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
        "mailto:ana@ngo.bg",
      ])
    },
  )

  it("keep a subject on one line", () => {
    expect(eventReminderEmail(["a@x.bg"], "en", { ...event, title: "Two\r\nBcc: evil@x.bg" }).subject).toBe(
      "Tomorrow: Two Bcc: evil@x.bg",
    )
  })
})
