/**
 * What a published manual version says, laid out once for both renderers (PDF and DOCX): the
 * labels in the reader's language, each text in that language, and a text the authors wrote
 * only in the other language marked as such rather than silently swapped in.
 * @module
 */
import {
  extraAreaLabels,
  type LocalizedText,
  type ManualVersion,
  planAreaLabels,
  type ReportLanguage,
} from "@coordina/domain"
import { certificateDate } from "./CertificatePdf.js"

/** The fixed words of a manual in one language. */
export interface ManualLabels {
  readonly contents: string
  readonly version: (n: number, date: string) => string
  readonly recommendations: string
  readonly practices: string
  readonly country: string
  readonly area: string
  readonly level: string
  readonly actors: string
  readonly description: string
  readonly results: string
  readonly transferability: string
  readonly sources: string
  readonly levels: Readonly<Record<string, string>>
  /** Prefix of a text written only in the other language. */
  readonly onlyIn: string
  readonly untitled: string
}

/** The labels of each language. */
export const manualLabels: Record<ReportLanguage, ManualLabels> = {
  bg: {
    contents: "Съдържание",
    version: (n, date) => `Версия ${n}, публикувана на ${date}`,
    recommendations: "Препоръки",
    practices: "Добри практики",
    country: "Държава",
    area: "Област",
    level: "Равнище на управление",
    actors: "Участници",
    description: "Описание",
    results: "Резултати",
    transferability: "Приложимост в България",
    sources: "Източници",
    levels: { central: "централно", regional: "областно", local: "местно" },
    onlyIn: "[само на английски]",
    untitled: "[без заглавие на български]",
  },
  en: {
    contents: "Contents",
    version: (n, date) => `Version ${n}, published on ${date}`,
    recommendations: "Recommendations",
    practices: "Good practices",
    country: "Country",
    area: "Area",
    level: "Level of government",
    actors: "Actors",
    description: "Description",
    results: "Results",
    transferability: "Transferability to Bulgaria",
    sources: "Sources",
    levels: { central: "central", regional: "regional", local: "local" },
    onlyIn: "[in Bulgarian only]",
    untitled: "[no English title]",
  },
}

/** A text in `language`; written only in the other one, that one marked; written in neither, undefined. */
export const localized = (text: LocalizedText | undefined, language: ReportLanguage): string | undefined => {
  const own = text?.[language]?.trim()
  if (own) return own
  const other = text?.[language === "bg" ? "en" : "bg"]?.trim()
  return other ? `${manualLabels[language].onlyIn} ${other}` : undefined
}

/** A title in `language`, never empty (a title is what a table of contents lists). */
export const titleOf = (text: LocalizedText | undefined, language: ReportLanguage): string =>
  localized(text, language) ?? manualLabels[language].untitled

/** A country's name in the reader's language, its code when the runtime has no name for it. */
export const countryName = (code: string, language: ReportLanguage): string => {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code
  } catch {
    return code
  }
}

/** An integration area's label in the reader's language. */
export const areaName = (area: string, language: ReportLanguage): string =>
  (planAreaLabels[area] ?? extraAreaLabels[area])?.[language] ?? area

/** The date line under the title. */
export const versionLine = (v: ManualVersion, language: ReportLanguage): string =>
  manualLabels[language].version(v.version, certificateDate(v.publishedAt, language))

/** The numbered chapter heading, as both the body and the table of contents print it. */
export const chapterHeading = (v: ManualVersion, i: number, language: ReportLanguage): string =>
  `${i + 1}. ${titleOf(v.chapters[i]?.title, language)}`
