import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react"
import { I18nProvider as AriaI18nProvider } from "react-aria-components"
import { dateFormatter, localeOf, numberFormatter } from "../ui/formatters.js"
import { bg } from "./bg.js"
import { en, type Messages } from "./en.js"

/** The languages of the UI. */
export type Language = "bg" | "en"

const dictionaries: Record<Language, Messages> = { bg, en }
const storageKey = "coordina.language"

interface I18nValue {
  readonly language: Language
  readonly t: Messages
  readonly setLanguage: (language: Language) => void
  /** A date `YYYY-MM-DD` as people of this language write it (1 декември 2017 г. / 1 December 2017). */
  readonly formatDate: (iso: string) => string
  readonly formatNumber: (n: number, options?: Intl.NumberFormatOptions) => string
}

const I18nContext = createContext<I18nValue | null>(null)

const initialLanguage = (): Language => {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(storageKey)
  return stored === "en" || stored === "bg" ? stored : "bg"
}

/** Provides the current language and its texts to the app. */
export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [language, setLanguageState] = useState<Language>(initialLanguage)
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next)
    document.documentElement.lang = next
    setLanguageState(next)
  }, [])
  const value = useMemo<I18nValue>(
    () => ({
      language,
      t: dictionaries[language],
      setLanguage,
      formatDate: dateFormatter(language),
      formatNumber: numberFormatter(language),
    }),
    [language, setLanguage],
  )
  // React Aria's own texts (placeholders, announcements) follow the same language.
  return (
    <I18nContext.Provider value={value}>
      <AriaI18nProvider locale={localeOf(language)}>{children}</AriaI18nProvider>
    </I18nContext.Provider>
  )
}

/** The current language's texts and formatters. */
export const useI18n = (): I18nValue => {
  const value = useContext(I18nContext)
  if (!value) throw new Error("useI18n outside I18nProvider")
  return value
}
