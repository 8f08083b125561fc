/**
 * Names of a practice's country, area and level in the reader's language: areas from the rule
 * sets' labels (the domain's), countries from the browser's own region names.
 */
import {
  type ContentLanguage,
  extraAreaLabels,
  iso3166Alpha2,
  type LocalizedText,
  planAreaLabels,
  practiceAreas,
} from "@coordina/domain"
import type { Option } from "@/ui/index.js"

const areaLabels = { ...planAreaLabels, ...extraAreaLabels }

/** The area's name in `language`. */
export const areaName = (area: string, language: ContentLanguage): string =>
  areaLabels[area]?.[language] ?? area

/** Every area, as select options. */
export const areaOptions = (language: ContentLanguage): ReadonlyArray<Option> =>
  practiceAreas.map((a) => ({ id: a, label: areaName(a, language) }))

/** The country's name in `language`, with its code when the browser knows no name. */
export const countryName = (code: string, language: ContentLanguage): string => {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code
  } catch {
    return code
  }
}

/** Every ISO 3166-1 country, by name in `language`. */
export const countryOptions = (language: ContentLanguage): ReadonlyArray<Option> =>
  [...iso3166Alpha2]
    .map((c) => ({ id: c, label: `${countryName(c, language)} (${c})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language))

/**
 * A text in the reader's language, or else the other one with the language it is in, so a
 * missing translation is never silent.
 */
export const inLanguage = (
  text: LocalizedText | undefined,
  language: ContentLanguage,
): { readonly text: string; readonly shownIn: ContentLanguage } | undefined => {
  const own = text?.[language]
  if (own) return { text: own, shownIn: language }
  const other: ContentLanguage = language === "bg" ? "en" : "bg"
  const fallback = text?.[other]
  return fallback ? { text: fallback, shownIn: other } : undefined
}
