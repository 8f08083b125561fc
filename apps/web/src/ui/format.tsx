/**
 * Dates, instants and numbers as people of the chosen language write them. Calendar dates
 * (`YYYY-MM-DD`) have no zone; instants are shown in the configured zone (the API's), never the
 * browser's, with the zone named.
 */
import { useMemo } from "react"
import { useToday } from "../api/today.js"
import { type Language, useI18n } from "../i18n/I18n.js"

/** The locale of a UI language. */
export const localeOf = (language: Language): string => (language === "bg" ? "bg-BG" : "en-GB")

/** A calendar date `YYYY-MM-DD` in words (1 декември 2017 г. / 1 December 2017). */
export const dateFormatter = (language: Language): ((iso: string) => string) => {
  const format = new Intl.DateTimeFormat(localeOf(language), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  })
  return (iso) => format.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))
}

/** An instant (ISO 8601) in `zone`, with the zone named. */
export const instantFormatter = (language: Language, zone: string): ((iso: string) => string) => {
  const format = new Intl.DateTimeFormat(localeOf(language), {
    // dateStyle and timeStyle cannot be combined with timeZoneName, so the fields are named.
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
    timeZoneName: "short",
  })
  return (iso) => format.format(Date.parse(iso))
}

/** A number with the language's grouping and decimal signs. */
export const numberFormatter =
  (language: Language) =>
  (n: number, options?: Intl.NumberFormatOptions): string =>
    new Intl.NumberFormat(localeOf(language), options).format(n)

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
