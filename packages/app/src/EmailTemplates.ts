/**
 * The e-mails Coordina sends, rendered from facts into an `EmailMessage` with a plain-text and
 * an HTML part in Bulgarian or English. Pure: no clock, no database. The facts carry ids,
 * pseudonyms, institutions, events and dates only; no template takes a beneficiary's name or
 * any other personal data, so none can end up in an e-mail. Every value is escaped in the HTML.
 * @module
 */
import { type EmailLanguage, type IsoDate, planAreaLabels } from "@coordina/domain"
import ical, { ICalCalendarMethod } from "ical-generator"
import { EmailMessage } from "./EmailSender.js"

/** A coordination task as an e-mail shows it: ids, the plan area, the institution, the due date. */
export interface TaskFacts {
  readonly taskId: string
  /** The agreement's id: a pseudonym, never the beneficiary's name. */
  readonly agreementId: string
  readonly area: string
  readonly institutionName: string
  readonly dueDate: IsoDate
  /** Where the task opens in the web app, when the public address is known. */
  readonly link?: string | undefined
}

/** An event as an e-mail shows it. */
export interface EventFacts {
  readonly eventId: string
  readonly title: string
  readonly startDate: IsoDate
  readonly endDate: IsoDate
  readonly city: string
  readonly projectCode?: string | undefined
}

/** A project target that is behind the line expected by now. */
export interface TargetFacts {
  readonly projectCode: string
  readonly indicator: string
  readonly value: number
  readonly achieved: number
  readonly expected: number
}

/** What a daily digest lists: overdue tasks, upcoming events, targets behind. */
export interface DigestFacts {
  readonly asOf: IsoDate
  readonly overdueTasks: ReadonlyArray<TaskFacts>
  readonly upcomingEvents: ReadonlyArray<EventFacts>
  readonly behindTargets: ReadonlyArray<TargetFacts>
}

/** Whether a digest would say nothing (and so is not sent). */
export const digestIsEmpty = (d: DigestFacts): boolean =>
  d.overdueTasks.length === 0 && d.upcomingEvents.length === 0 && d.behindTargets.length === 0

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  )

const monthsEn = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
]

/** A date as a reader of the language writes it: `23.04.2026 г.` or `23 April 2026`. */
export const formatDate = (date: IsoDate, language: EmailLanguage): string => {
  const [y, m, d] = date.split("-")
  return language === "bg" ? `${d}.${m}.${y} г.` : `${Number(d)} ${monthsEn[Number(m) - 1]} ${y}`
}

const dates = (e: EventFacts, language: EmailLanguage) =>
  e.startDate === e.endDate
    ? formatDate(e.startDate, language)
    : `${formatDate(e.startDate, language)} – ${formatDate(e.endDate, language)}`

const areaLabel = (area: string, language: EmailLanguage) => planAreaLabels[area]?.[language] ?? area

/** One block of an e-mail's body. */
type Block =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "list"; readonly title: string; readonly items: ReadonlyArray<string> }
  | { readonly kind: "link"; readonly label: string; readonly url: string }

const p = (text: string): Block => ({ kind: "p", text })

const footer: Record<EmailLanguage, string> = {
  bg: "Това съобщение е изпратено от Coordina. Какво получавате по имейл можете да изберете в настройките си.",
  en: "This message was sent by Coordina. You can choose what you receive by e-mail in your settings.",
}

// Subjects go into a header: one line, and within the message schema's limit.
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ").slice(0, 300)

const compose = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  subject: string,
  blocks: ReadonlyArray<Block>,
  calendar?: { readonly filename: string; readonly content: string },
): EmailMessage => {
  const all = [...blocks, p(footer[language])]
  const text = all
    .map((b) =>
      b.kind === "p"
        ? b.text
        : b.kind === "link"
          ? `${b.label}: ${b.url}`
          : [b.title, ...b.items.map((i) => `  - ${i}`)].join("\n"),
    )
    .join("\n\n")
  const body = all
    .map((b) =>
      b.kind === "p"
        ? `<p>${escapeHtml(b.text)}</p>`
        : b.kind === "link"
          ? `<p><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a></p>`
          : `<h2 style="font-size:16px">${escapeHtml(b.title)}</h2><ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`,
    )
    .join("\n")
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(subject))}</title></head><body style="font-family:sans-serif;line-height:1.5">\n${body}\n</body></html>`
  return EmailMessage.make({
    to: [...to],
    subject: oneLine(subject),
    text,
    html,
    language,
    ...(calendar ? { calendar } : {}),
  })
}

const taskLines = (t: TaskFacts, language: EmailLanguage): ReadonlyArray<Block> => [
  p(
    language === "bg"
      ? `Задача ${t.taskId} по споразумение ${t.agreementId}, област „${areaLabel(t.area, language)}“, срок ${formatDate(t.dueDate, language)}.`
      : `Task ${t.taskId} under agreement ${t.agreementId}, area "${areaLabel(t.area, language)}", due ${formatDate(t.dueDate, language)}.`,
  ),
  ...(t.link
    ? [
        {
          kind: "link",
          label: language === "bg" ? "Отворете задачата" : "Open the task",
          url: t.link,
        } as const,
      ]
    : []),
]

const taskItem = (t: TaskFacts, language: EmailLanguage) =>
  language === "bg"
    ? `${t.taskId} (${t.institutionName}, ${areaLabel(t.area, language)}), срок ${formatDate(t.dueDate, language)}`
    : `${t.taskId} (${t.institutionName}, ${areaLabel(t.area, language)}), due ${formatDate(t.dueDate, language)}`

/** A task addressed to an institution: to its contact addresses and users. */
export const taskAssignedEmail = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  t: TaskFacts,
): EmailMessage =>
  compose(
    to,
    language,
    language === "bg" ? `Нова задача за ${t.institutionName}` : `New task for ${t.institutionName}`,
    [
      p(
        language === "bg"
          ? `${t.institutionName} има нова задача по интеграционен план. Моля, приемете я или я откажете с причина.`
          : `${t.institutionName} has a new task under an integration plan. Please accept it, or reject it with a reason.`,
      ),
      ...taskLines(t, language),
    ],
  )

/** A reminder `workingDays` working days before a task's due date. */
export const taskReminderEmail = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  t: TaskFacts,
  workingDays: number,
): EmailMessage =>
  compose(
    to,
    language,
    language === "bg"
      ? `Напомняне: срокът на задача ${t.taskId} е ${formatDate(t.dueDate, language)}`
      : `Reminder: task ${t.taskId} is due on ${formatDate(t.dueDate, language)}`,
    [
      p(
        language === "bg"
          ? `До срока на задачата остават ${workingDays} работни дни.`
          : `The task is due in ${workingDays} working ${workingDays === 1 ? "day" : "days"}.`,
      ),
      ...taskLines(t, language),
    ],
  )

/** A task past its due date and not done. */
export const taskOverdueEmail = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  t: TaskFacts,
  asOf: IsoDate,
): EmailMessage =>
  compose(to, language, language === "bg" ? `Просрочена задача ${t.taskId}` : `Task ${t.taskId} is overdue`, [
    p(
      language === "bg"
        ? `Към ${formatDate(asOf, language)} задачата не е изпълнена в срок. Координаторът е уведомен.`
        : `As of ${formatDate(asOf, language)} the task has not been done by its due date. The coordinator has been told.`,
    ),
    ...taskLines(t, language),
  ])

/** The daily digest: overdue tasks, upcoming events and targets behind the expected line. */
export const dailyDigestEmail = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  d: DigestFacts,
): EmailMessage => {
  const bg = language === "bg"
  const blocks: Array<Block> = [
    p(
      bg
        ? `Обобщение към ${formatDate(d.asOf, language)}.`
        : `Summary as of ${formatDate(d.asOf, language)}.`,
    ),
  ]
  if (d.overdueTasks.length)
    blocks.push({
      kind: "list",
      title: bg ? `Просрочени задачи (${d.overdueTasks.length})` : `Overdue tasks (${d.overdueTasks.length})`,
      items: d.overdueTasks.map((t) => taskItem(t, language)),
    })
  if (d.upcomingEvents.length)
    blocks.push({
      kind: "list",
      title: bg ? "Предстоящи събития" : "Upcoming events",
      items: d.upcomingEvents.map(
        (e) => `${e.projectCode ? `${e.projectCode}: ` : ""}${e.title}, ${e.city}, ${dates(e, language)}`,
      ),
    })
  if (d.behindTargets.length)
    blocks.push({
      kind: "list",
      title: bg ? "Цели под очакваното" : "Targets behind the expected line",
      items: d.behindTargets.map((t) =>
        bg
          ? `${t.projectCode}, ${t.indicator}: постигнати ${t.achieved} от ${t.value}, очаквани към днес ${t.expected}`
          : `${t.projectCode}, ${t.indicator}: ${t.achieved} of ${t.value} achieved, ${t.expected} expected by now`,
      ),
    })
  return compose(
    to,
    language,
    bg
      ? `Coordina: обобщение за ${formatDate(d.asOf, language)}`
      : `Coordina: digest for ${formatDate(d.asOf, language)}`,
    blocks,
  )
}

/** The iCalendar file of an event: a whole-day event from its first to its last day. */
export const eventCalendar = (
  e: EventFacts,
  options: {
    /** When the file was made (DTSTAMP), an ISO instant. */
    readonly stamp: string
    /** The host part of the event's UID, e.g. the public host name. */
    readonly uidHost: string
    readonly attendee?: string | undefined
    readonly organizer?: { readonly name: string; readonly email: string } | undefined
  },
): string => {
  const calendar = ical({
    method: ICalCalendarMethod.REQUEST,
    prodId: { company: "Coordina", product: "Coordina", language: "BG" },
  })
  const end = new Date(`${e.endDate}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() + 1)
  calendar.createEvent({
    id: `${e.eventId}@${options.uidHost}`,
    // Whole days: DTEND is the day after the last one (RFC 5545, 3.6.1).
    allDay: true,
    start: new Date(`${e.startDate}T00:00:00Z`),
    end,
    stamp: new Date(options.stamp),
    summary: e.title,
    location: e.city,
    ...(options.organizer ? { organizer: options.organizer } : {}),
    ...(options.attendee ? { attendees: [{ email: options.attendee, rsvp: false }] } : {}),
  })
  return calendar.toString()
}

/** What a registrant's `.ics` needs beyond the event: when it was made, the UID's host, the organiser. */
export interface InvitationOptions {
  readonly stamp: string
  readonly uidHost: string
  readonly organizer?: { name: string; email: string }
}

/** The event's calendar file, addressed to `to`. */
const invitationFor = (to: string, e: EventFacts, calendar: InvitationOptions) => ({
  filename: "event.ics",
  content: eventCalendar(e, { ...calendar, attendee: to }),
})

/** A participant's registration, confirmed or on the waiting list, with the event's `.ics` when confirmed. */
export const registrationConfirmationEmail = (
  to: string,
  language: EmailLanguage,
  e: EventFacts,
  status: "registered" | "waitlisted",
  calendar: InvitationOptions,
): EmailMessage => {
  const bg = language === "bg"
  const where = `${e.title}, ${e.city}, ${dates(e, language)}`
  return compose(
    [to],
    language,
    status === "registered"
      ? bg
        ? `Потвърдена регистрация: ${e.title}`
        : `Registration confirmed: ${e.title}`
      : bg
        ? `В списъка на чакащите: ${e.title}`
        : `On the waiting list: ${e.title}`,
    [
      p(
        status === "registered"
          ? bg
            ? `Регистрацията Ви за събитието е потвърдена: ${where}. Приложен е файл за календара.`
            : `Your registration for the event is confirmed: ${where}. A calendar file is attached.`
          : bg
            ? `Събитието е запълнено и сте в списъка на чакащите: ${where}. Ще Ви пишем, ако се освободи място.`
            : `The event is full and you are on the waiting list: ${where}. We will write if a place becomes free.`,
      ),
    ],
    status === "registered" ? invitationFor(to, e, calendar) : undefined,
  )
}

/** A place freed up: the person moved from the waiting list to registered, with the event's `.ics`. */
export const registrationPromotedEmail = (
  to: string,
  language: EmailLanguage,
  e: EventFacts,
  calendar: InvitationOptions,
): EmailMessage => {
  const bg = language === "bg"
  const where = `${e.title}, ${e.city}, ${dates(e, language)}`
  return compose(
    [to],
    language,
    bg ? `Освободи се място: ${e.title}` : `A place is yours: ${e.title}`,
    [
      p(
        bg
          ? `Освободи се място и вече сте регистрирани за събитието: ${where}. Приложен е файл за календара.`
          : `A place became free and you are now registered for the event: ${where}. A calendar file is attached.`,
      ),
    ],
    invitationFor(to, e, calendar),
  )
}

/** The reminder the day before an event. */
export const eventReminderEmail = (
  to: ReadonlyArray<string>,
  language: EmailLanguage,
  e: EventFacts,
): EmailMessage =>
  compose(to, language, language === "bg" ? `Утре: ${e.title}` : `Tomorrow: ${e.title}`, [
    p(
      language === "bg"
        ? `Напомняме, че утре започва събитието ${e.title} в ${e.city} (${dates(e, language)}).`
        : `A reminder that ${e.title} starts tomorrow in ${e.city} (${dates(e, language)}).`,
    ),
  ])
