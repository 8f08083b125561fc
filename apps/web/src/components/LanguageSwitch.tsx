import { ToggleButton, ToggleButtonGroup } from "react-aria-components"
import { type Language, useI18n } from "../i18n/I18n.js"

const labels: Record<Language, string> = { bg: "БГ", en: "EN" }

/** Switches the UI between Bulgarian and English. */
export const LanguageSwitch = () => {
  const { language, setLanguage, t } = useI18n()
  return (
    <ToggleButtonGroup
      aria-label={t.app.language}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[language]}
      onSelectionChange={(keys) => {
        const next = [...keys][0]
        if (next === "bg" || next === "en") setLanguage(next)
      }}
      className="language-switch"
    >
      {(["bg", "en"] as const).map((l) => (
        <ToggleButton key={l} id={l} lang={l} aria-label={l === "bg" ? "Български" : "English"}>
          {labels[l]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  )
}
