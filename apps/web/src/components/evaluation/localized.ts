import type { EvaluationText } from "@coordina/domain"
import type { Language } from "../../i18n/I18n.js"

/**
 * A questionnaire text in the reader's language, or in the other one with a note that it is
 * missing (a text may be written in one language only).
 */
export const localized = (text: EvaluationText, language: Language, missing: string): string => {
  const own = text[language]?.trim()
  if (own) return own
  const other = (language === "bg" ? text.en : text.bg)?.trim() ?? ""
  return other ? `${other} ${missing}` : ""
}
