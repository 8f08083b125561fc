import type { Messages } from "../../i18n/en.js"

/** How long to wait before trying again, from a `Retry-After` in seconds, in words. */
export const waitText = (t: Messages, seconds: number | undefined): string =>
  seconds === undefined
    ? t.access.wait.later
    : seconds < 60
      ? t.access.wait.seconds(Math.max(1, seconds))
      : t.access.wait.minutes(Math.ceil(seconds / 60))
