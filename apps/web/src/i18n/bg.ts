import { accessBg } from "./access.js"
import { agreementsBg } from "./agreements.js"
import { reachBg } from "./reach.js"
import { evaluationsBg } from "./evaluations.js"
import { certificatesBg } from "./certificates.js"
import { reportsBg } from "./reports.js"
import { uiBg } from "./ui.js"
import { webhooksBg } from "./webhooks.js"
import { productBg } from "./product.js"
import { notificationsBg } from "./notifications.js"
import { registrationBg } from "./registration.js"
import { practicesBg } from "./practices.js"
import type { Messages } from "./en.js"

/** Български текстове: същите ключове като `en.ts`. Термините следват речника на проекта. */
export const bg: Messages = {
  agreements: agreementsBg,
  reach: reachBg,
  evaluations: evaluationsBg,
  certificates: certificatesBg,
  reports: reportsBg,
  access: accessBg,
  webhooks: webhooksBg,
  ui: uiBg,
  product: productBg,
  notifications: notificationsBg,
  registration: registrationBg,
  practices: practicesBg,
  app: {
    name: "Coordina",
    tagline: "Координация на интеграцията в България",
    language: "Език",
    signOut: "Изход",
    loading: "Зареждане…",
    error: "Възникна грешка",
    retry: "Опитай отново",
    notFound: "Тази страница не съществува.",
    back: "Назад",
    save: "Запази",
    cancel: "Отказ",
    create: "Създай",
    next: "Следваща страница",
    previous: "Предишна страница",
    none: "Все още няма записи.",
    total: "Общо",
  },
  nav: {
    projects: "Проекти",
    mainNavigation: "Основна навигация",
  },
  signIn: {
    title: "Вход",
    intro: "Влезте с вашия ключ за достъп.",
    token: "Ключ за достъп",
    submit: "Вход",
    invalid: "Ключът не е приет.",
    required: "Въведете ключ.",
  },
  projects: {
    title: "Проекти",
    code: "Код",
    name: "Наименование",
    funder: "Финансиращ орган",
    period: "Период",
    start: "Начало",
    end: "Край",
    duration: "Продължителност",
    months: (n: number) => (n === 1 ? "1 месец" : `${n} месеца`),
    extensions: "Удължавания",
    noExtensions: "Без удължавания",
    targets: "Целеви стойности",
    indicator: { direct: "Пряк обхват", indirect: "Непряк обхват", total: "Общ обхват" },
    value: "Целева стойност",
    elapsed: "Изминал период",
    notFound: "Няма такъв проект.",
    extend: {
      open: "Удължаване на периода",
      title: "Удължаване на периода на проекта",
      months: "Добавени месеци",
      monthsInvalid: (left: number) => `Въведете цял брой месеци от 1 до ${left}.`,
      reason: "Причина (например решение на финансиращия орган)",
      consequence: (from: string, to: string) =>
        `Проектът ще приключи на ${to} вместо на ${from}. Събитията и дейностите запазват датите си, а удължаването не може да бъде отменено.`,
      confirm: "Удължи",
      done: (end: string) => `Периодът на проекта е удължен; сега приключва на ${end}.`,
    },
  },
}
