/**
 * Texts of e-mail notifications: the user's preferences page and an institution's contact
 * addresses.
 */
import type { NotificationKind } from "@coordina/domain"

export const notificationsEn = {
  link: "E-mail notifications",
  title: "E-mail notifications",
  lead: "Choose which e-mails you receive and in which language. Everything is on until you turn it off.",
  language: "Language of e-mails",
  languages: { bg: "Bulgarian", en: "English" },
  kindsLegend: "What you receive",
  kinds: {
    task_assigned: "A task addressed to my institution",
    task_reminder: "A reminder before a task's due date",
    task_overdue: "A task of my institution is overdue",
    daily_digest: "The daily digest (coordinators and case workers)",
    event_messages: "Event confirmations and reminders",
  } satisfies Record<NotificationKind, string>,
  saved: "Your choices are saved.",
  onlyUsers: "Only a signed-in user has notification preferences.",
  contacts: {
    title: "Contact addresses",
    lead: "These addresses receive the institution's task e-mails (at most 20).",
    none: "No contact address yet.",
    edit: "Change the addresses",
    field: "Addresses, one per line",
    saved: "The contact addresses are saved.",
  },
}

export const notificationsBg: typeof notificationsEn = {
  link: "Известия по имейл",
  title: "Известия по имейл",
  lead: "Изберете кои имейли да получавате и на какъв език. Всичко е включено, докато не го изключите.",
  language: "Език на имейлите",
  languages: { bg: "Български", en: "Английски" },
  kindsLegend: "Какво получавате",
  kinds: {
    task_assigned: "Задача, възложена на моята институция",
    task_reminder: "Напомняне преди срока на задача",
    task_overdue: "Просрочена задача на моята институция",
    daily_digest: "Дневно обобщение (координатори и социални работници)",
    event_messages: "Потвърждения и напомняния за събития",
  },
  saved: "Изборът Ви е запазен.",
  onlyUsers: "Само влязъл потребител има настройки за известия.",
  contacts: {
    title: "Адреси за контакт",
    lead: "Тези адреси получават имейлите за задачите на институцията (най-много 20).",
    none: "Все още няма адрес за контакт.",
    edit: "Промяна на адресите",
    field: "Адреси, по един на ред",
    saved: "Адресите за контакт са запазени.",
  },
}
