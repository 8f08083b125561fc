/**
 * English texts. Every text the SPA shows has a key here; `bg.ts` must have the same keys
 * (the type checker enforces it). Feature texts live in their own sections.
 */
import { accessEn } from "./access.js"
import { agreementsEn } from "./agreements.js"
import { reachEn } from "./reach.js"
import { evaluationsEn } from "./evaluations.js"
import { certificatesEn } from "./certificates.js"
import { reportsEn } from "./reports.js"
import { uiEn } from "./ui.js"
import { webhooksEn } from "./webhooks.js"
import { productEn } from "./product.js"
import { notificationsEn } from "./notifications.js"
import { registrationEn } from "./registration.js"
import { practicesEn } from "./practices.js"

export const en = {
  agreements: agreementsEn,
  reach: reachEn,
  evaluations: evaluationsEn,
  certificates: certificatesEn,
  reports: reportsEn,
  access: accessEn,
  webhooks: webhooksEn,
  ui: uiEn,
  product: productEn,
  notifications: notificationsEn,
  registration: registrationEn,
  practices: practicesEn,
  app: {
    name: "Coordina",
    tagline: "Coordination of integration in Bulgaria",
    language: "Language",
    signOut: "Sign out",
    loading: "Loading…",
    error: "Something went wrong",
    retry: "Try again",
    notFound: "This page does not exist.",
    back: "Back",
    save: "Save",
    cancel: "Cancel",
    create: "Create",
    next: "Next page",
    previous: "Previous page",
    none: "Nothing here yet.",
    total: "Total",
  },
  nav: {
    projects: "Projects",
    mainNavigation: "Main navigation",
  },
  signIn: {
    title: "Sign in",
    intro: "Sign in with your access token.",
    token: "Access token",
    submit: "Sign in",
    invalid: "The token was not accepted.",
    required: "Enter a token.",
  },
  projects: {
    title: "Projects",
    code: "Code",
    name: "Title",
    funder: "Funder",
    period: "Period",
    start: "Start",
    end: "End",
    duration: "Duration",
    months: (n: number) => (n === 1 ? "1 month" : `${n} months`),
    extensions: "Extensions",
    noExtensions: "No extensions",
    targets: "Targets",
    indicator: { direct: "Direct reach", indirect: "Indirect reach", total: "Total reach" },
    value: "Target value",
    elapsed: "Period elapsed",
    notFound: "No such project.",
    extend: {
      open: "Extend the period",
      title: "Extend the project period",
      months: "Months to add",
      monthsInvalid: (left: number) => `Enter a whole number of months from 1 to ${left}.`,
      reason: "Reason (for example, the funder's decision)",
      consequence: (from: string, to: string) =>
        `The project will end on ${to} instead of ${from}. Events and activities keep their dates, and the extension cannot be taken back.`,
      confirm: "Extend",
      done: (end: string) => `The project period was extended; it now ends on ${end}.`,
    },
  },
} as const

/** The shape every language must provide. */
export type Messages = Widen<typeof en>

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> }
