/**
 * Dates, instants and numbers as people of a language write them: the one place the web app
 * formats them (the I18n provider and the design system's hooks both use these).
 */

/** The languages of the UI. */
type Language = "bg" | "en"

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
