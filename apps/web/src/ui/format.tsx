/**
 * Dates, instants and numbers as people of the chosen language write them. Calendar dates
 * (`YYYY-MM-DD`) have no zone; instants are shown in the configured zone (the API's), never the
 * browser's, with the zone named.
 */
import { useMemo } from "react"
import { useToday } from "../api/today.js"
import { useI18n } from "../i18n/I18n.js"
import { dateFormatter, instantFormatter, numberFormatter } from "./formatters.js"

/** The formatters of the chosen language: `date`, `instant` (configured zone) and `number`. */
export const useFormat = () => {
  const { language } = useI18n()
  const { zone } = useToday()
  return useMemo(
    () => ({
      date: dateFormatter(language),
      instant: instantFormatter(language, zone),
      number: numberFormatter(language),
    }),
    [language, zone],
  )
}

/** A calendar date as a `<time>` element. */
export const DateText = ({ date }: { readonly date: string }) => {
  const { date: format } = useFormat()
  return <time dateTime={date}>{format(date)}</time>
}

/** An instant as a `<time>` element, in the configured zone. */
export const InstantText = ({ at }: { readonly at: string }) => {
  const { instant } = useFormat()
  return <time dateTime={at}>{instant(at)}</time>
}
