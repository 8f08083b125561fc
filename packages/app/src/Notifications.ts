/**
 * E-mail notifications: what each user chose to receive, and (for the worker) which e-mails
 * are due on a day, the registrants' day-before reminders among them.
 * @module
 */
import {
  addDays,
  type CoordinationTask,
  type EmailLanguage,
  type Event,
  type Institution,
  type IsoDate,
  isOverdue,
  type NotificationKind,
  type NotificationPreferences as Preferences,
  NotificationPreferences,
  projectEndDate,
  receives,
  ruleSetById,
  taskNoticesOn,
} from "@coordina/domain"
import {
  AuditLog,
  CoordinationTasksRepository,
  EventsRepository,
  InstitutionsRepository,
  NotificationPreferencesRepository,
  type Page,
  PeopleRepository,
  ProjectsRepository,
  ReachRepository,
  RegistrationsRepository,
  UsersRepository,
} from "@coordina/store"
import { Context, Effect, Either, Layer, Schema } from "effect"
import { Calendar } from "./Calendar.js"
import type { EmailMessage } from "./EmailSender.js"
import {
  dailyDigestEmail,
  digestIsEmpty,
  type EventFacts,
  eventReminderEmail,
  type TaskFacts,
  taskAssignedEmail,
  taskOverdueEmail,
  taskReminderEmail,
} from "./EmailTemplates.js"
import { transaction } from "./Transaction.js"

/**
 * One e-mail the worker should put in the outbox. `key` is the same every time the same
 * e-mail is computed (kind, subject, day, language), so enqueueing twice stores it once.
 */
export interface DueEmail {
  readonly key: string
  readonly message: EmailMessage
}

/** Who the audit log names for the worker reading registrants' addresses to remind them. */
export const notificationsActor = "worker:notifications"

/** The reminder lead of a rule set that no longer exists: the shipped default. */
const defaultReminderWorkingDays = 3
/** How far ahead the digest looks for events. */
const digestEventDays = 7
/** The most recipients one message carries (the message schema's limit). */
const maxRecipients = 50
/** How far ahead of their due date tasks are read for reminders (working days plus holidays). */
const reminderHorizonDays = 62

const chunks = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

/** Every item of a paged list, page after page. */
const allPages = <A, E, R>(page: (cursor: string | undefined) => Effect.Effect<Page<A>, E, R>) =>
  Effect.gen(function* () {
    const out: Array<A> = []
    let cursor: string | undefined
    do {
      const next = yield* page(cursor)
      out.push(...next.items)
      cursor = next.nextCursor ?? undefined
    } while (cursor)
    return out as ReadonlyArray<A>
  })

const encode = Schema.encodeSync(NotificationPreferences)

const make = Effect.gen(function* () {
  const preferencesRepo = yield* NotificationPreferencesRepository
  const audit = yield* AuditLog
  const tasks = yield* CoordinationTasksRepository
  const institutions = yield* InstitutionsRepository
  const users = yield* UsersRepository
  const projects = yield* ProjectsRepository
  const events = yield* EventsRepository
  const reach = yield* ReachRepository
  const calendar = yield* Calendar
  const registrations = yield* RegistrationsRepository
  const people = yield* PeopleRepository

  const taskFacts = (t: CoordinationTask, institution: Institution | undefined): TaskFacts => ({
    taskId: t.id,
    agreementId: t.agreementId,
    area: t.area,
    institutionName: institution?.name ?? t.institutionId,
    dueDate: t.dueDate,
  })

  /** The active staff, with their preferences. */
  const staff = Effect.gen(function* () {
    const everyone = (yield* allPages((cursor) => users.list({ cursor, limit: 500 }))).filter(
      (u) => !u.disabled,
    )
    const prefs = yield* preferencesRepo.getMany(everyone.map((u) => u.id))
    return everyone.map((user) => ({ user, prefs: prefs.get(user.id) ?? NotificationPreferences.make({}) }))
  })
  type Staff = Effect.Effect.Success<typeof staff>

  /**
   * Who hears of an institution's task: its contact addresses (in Bulgarian for a Bulgarian
   * institution, in English otherwise; contacts have no preferences of their own yet) and its
   * users who have not turned `kind` off, in their language. One message per language.
   */
  const institutionRecipients = (
    institution: Institution | undefined,
    kind: NotificationKind,
    people: Staff,
  ) => {
    const byLanguage = new Map<EmailLanguage, Set<string>>()
    const add = (language: EmailLanguage, email: string) =>
      byLanguage.set(language, (byLanguage.get(language) ?? new Set()).add(email))
    if (!institution) return byLanguage
    for (const email of institution.contactEmails) add(institution.country === "BG" ? "bg" : "en", email)
    for (const { user, prefs } of people)
      if (
        user.roles.some((g) => g.role === "institution_user" && g.institutionId === institution.id) &&
        receives(prefs, kind)
      )
        add(prefs.language, user.email)
    return byLanguage
  }

  const addressed = (
    key: string,
    recipients: ReadonlyMap<EmailLanguage, ReadonlySet<string>>,
    render: (to: ReadonlyArray<string>, language: EmailLanguage) => EmailMessage,
  ): ReadonlyArray<DueEmail> =>
    [...recipients].flatMap(([language, emails]) =>
      chunks([...emails].sort(), maxRecipients).map((to, i) => ({
        key: `${key}:${language}${i ? `#${i}` : ""}`,
        message: render(to, language),
      })),
    )

  /** The e-mails that tell an institution of a new task: for the use case that opens it, in its transaction. */
  const taskAssignedEmails = Effect.fn("Notifications.taskAssignedEmails")(function* (
    task: CoordinationTask,
  ) {
    const [institution] = yield* institutions.getMany([task.institutionId])
    const recipients = institutionRecipients(institution, "task_assigned", yield* staff)
    return addressed(`task_assigned:${task.id}:${task.openedOn}`, recipients, (to, language) =>
      taskAssignedEmail(to, language, taskFacts(task, institution)),
    )
  })

  const taskNotices = (asOf: IsoDate, people: Staff) =>
    Effect.gen(function* () {
      const working = yield* calendar.current
      const awaiting = yield* tasks.awaiting(addDays(asOf, reminderHorizonDays))
      const byId = new Map(
        (yield* institutions.getMany(awaiting.map((a) => a.task.institutionId))).map(
          (i) => [i.id, i] as const,
        ),
      )
      const out: Array<DueEmail> = []
      for (const { task, procedureId } of awaiting) {
        const lead = Either.match(ruleSetById(procedureId), {
          onLeft: () => defaultReminderWorkingDays,
          onRight: (r) => r.parameters.taskReminderWorkingDays,
        })
        const institution = byId.get(task.institutionId)
        const facts = taskFacts(task, institution)
        for (const notice of taskNoticesOn(task, asOf, lead, working))
          out.push(
            ...addressed(
              `${notice}:${task.id}:${asOf}`,
              institutionRecipients(institution, notice, people),
              (to, language) =>
                notice === "task_reminder"
                  ? taskReminderEmail(to, language, facts, lead)
                  : taskOverdueEmail(to, language, facts, asOf),
            ),
          )
      }
      return { out, awaiting, institutionsById: byId }
    })

  /**
   * The digests: coordinators get their projects' upcoming events and targets behind the
   * expected line; case workers their municipalities' overdue tasks (coordinators have no right
   * to tasks, see Access.ts, and a digest shows only what its reader may see).
   */
  const digests = (
    asOf: IsoDate,
    people: Staff,
    awaiting: ReadonlyArray<{ readonly task: CoordinationTask; readonly municipalityId: string | undefined }>,
    institutionsById: ReadonlyMap<string, Institution>,
  ) =>
    Effect.gen(function* () {
      const overdue = awaiting.filter((a) => isOverdue(a.task, asOf))
      const projectFacts = new Map<
        string,
        {
          events: Array<EventFacts>
          behind: Array<{ indicator: string; value: number; achieved: number; expected: number }>
          code: string
        }
      >()
      const factsOf = (projectId: string) =>
        Effect.gen(function* () {
          const known = projectFacts.get(projectId)
          if (known) return known
          const project = yield* Effect.option(projects.get(projectId))
          const facts = {
            events: [] as Array<EventFacts>,
            behind: [] as Array<{ indicator: string; value: number; achieved: number; expected: number }>,
            code: projectId,
          }
          if (project._tag === "Some") {
            const p = project.value
            facts.code = p.code
            const upcoming = (yield* allPages((cursor) =>
              events.list({ projectId, cursor, limit: 500 }),
            )).filter((e: Event) => e.startDate > asOf && e.startDate <= addDays(asOf, digestEventDays))
            facts.events = upcoming
              .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
              .map((e) => ({
                eventId: e.id,
                title: e.title,
                startDate: e.startDate,
                endDate: e.endDate,
                city: e.city,
                projectCode: p.code,
              }))
            // A finished project is behind nothing any more.
            if (p.startDate <= asOf && asOf <= projectEndDate(p))
              facts.behind = (yield* reach.report(p, asOf)).targets
                .filter((t) => t.status === "behind")
                .map((t) => ({
                  indicator: t.indicator,
                  value: t.value,
                  achieved: t.achieved,
                  expected: t.expected,
                }))
          }
          projectFacts.set(projectId, facts)
          return facts
        })
      const out: Array<DueEmail> = []
      for (const { user, prefs } of people) {
        if (!receives(prefs, "daily_digest")) continue
        const projectIds = [
          ...new Set(user.roles.flatMap((g) => (g.role === "coordinator" ? g.projectIds : []))),
        ].sort()
        const municipalityIds = new Set(
          user.roles.flatMap((g) => (g.role === "case_worker" ? g.municipalityIds : [])),
        )
        if (projectIds.length === 0 && municipalityIds.size === 0) continue
        const facts = yield* Effect.forEach(projectIds, factsOf)
        const digest = {
          asOf,
          overdueTasks: overdue
            .filter((a) => a.municipalityId !== undefined && municipalityIds.has(a.municipalityId))
            .map((a) => taskFacts(a.task, institutionsById.get(a.task.institutionId))),
          upcomingEvents: facts.flatMap((f) => f.events),
          behindTargets: facts.flatMap((f) => f.behind.map((t) => ({ ...t, projectCode: f.code }))),
        }
        if (digestIsEmpty(digest)) continue
        out.push({
          key: `daily_digest:${user.id}:${asOf}`,
          message: dailyDigestEmail([user.email], prefs.language, digest),
        })
      }
      return out
    })

  /**
   * The e-mails due on `asOf`: task reminders and overdue notices to institutions, and the
   * daily digests, each as its recipients chose. The same day gives the same keys, so the worker
   * may run it again and enqueue nothing new.
   */
  const dueEmails = Effect.fn("Notifications.dueEmails")(function* (asOf: IsoDate) {
    const people = yield* staff
    const notices = yield* taskNotices(asOf, people)
    const digestMails = yield* digests(asOf, people, notices.awaiting, notices.institutionsById)
    return [...notices.out, ...digestMails] as ReadonlyArray<DueEmail>
  })

  /**
   * The day-before reminders: one e-mail to each person who holds a seat (not the waiting list)
   * at an event starting the day after `day`, in the language they registered in, to the address
   * on file. Each address read is audited as {@link notificationsActor}'s; call it in the job's
   * transaction, so the audit and the e-mails commit together. One message per registrant, so no
   * one sees another's address.
   */
  const registrantReminders = Effect.fn("Notifications.registrantReminders")(function* (day: IsoDate) {
    const starting = addDays(day, 1)
    const seated = yield* registrations.registeredStartingOn(starting)
    if (seated.length === 0) return [] as ReadonlyArray<DueEmail>
    const persons = new Map(
      (yield* people.getMany([...new Set(seated.map((r) => r.personId))])).map((p) => [p.id as string, p]),
    )
    for (const id of [...persons.keys()].sort())
      yield* audit.record({ actor: notificationsActor, action: "read_personal", entity: `person:${id}` })
    const eventsById = new Map<string, EventFacts>()
    const out: Array<DueEmail> = []
    for (const r of seated) {
      const email = persons.get(r.personId)?.email
      if (!email) continue
      let facts = eventsById.get(r.eventId)
      if (!facts) {
        const e = yield* events.get(r.eventId).pipe(Effect.orDie)
        facts = { eventId: e.id, title: e.title, startDate: e.startDate, endDate: e.endDate, city: e.city }
        eventsById.set(r.eventId, facts)
      }
      out.push({
        key: `event_reminder:${r.id}:${day}`,
        message: eventReminderEmail([email], r.language, facts),
      })
    }
    return out as ReadonlyArray<DueEmail>
  })

  /** The user's preferences (the defaults when they never chose). */
  const preferences = Effect.fn("Notifications.preferences")(function* (userId: string) {
    return yield* preferencesRepo.get(userId)
  })

  /** Replaces the user's preferences; the change is audited as the user's own. */
  const setPreferences = Effect.fn("Notifications.setPreferences")(function* (
    userId: string,
    next: Preferences,
  ) {
    return yield* transaction(
      Effect.gen(function* () {
        const before = yield* preferencesRepo.get(userId)
        const after = yield* preferencesRepo.put(userId, next)
        yield* audit.record({
          actor: userId,
          action: "update",
          entity: `notification_preferences:${userId}`,
          before: encode(before),
          after: encode(after),
        })
        return after
      }),
    )
  })

  return { preferences, setPreferences, dueEmails, taskAssignedEmails, registrantReminders } as const
})

/** Notification preferences and the e-mails due on a day. */
export class Notifications extends Context.Tag("@coordina/app/Notifications")<
  Notifications,
  Effect.Effect.Success<typeof make>
>() {
  /** Over the store. */
  static layer = Layer.effect(Notifications, make)
}
