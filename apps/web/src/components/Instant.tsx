/**
 * An instant (ISO 8601, UTC) as people of the UI's language read it, in the configured zone
 * (the API's, Europe/Sofia by default), with the zone named: never the browser's zone.
 */
import { useMemo } from "react"
import { useToday } from "../api/today.js"
import { useI18n } from "../i18n/I18n.js"
import { instantFormatter } from "../ui/formatters.js"

/** The formatter of instants in the UI's language and the configured zone. */
export const useInstantFormat = (): ((iso: string) => string) => {
  const { language } = useI18n()
  const { zone } = useToday()
  return useMemo(() => instantFormatter(language, zone), [language, zone])
}

/** A `<time>` element showing `at` in the configured zone. */
export const Instant = ({ at }: { at: string }) => {
  const format = useInstantFormat()
  return <time dateTime={at}>{format(at)}</time>
}
