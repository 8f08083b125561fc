import { Link } from "@tanstack/react-router"
import { useI18n } from "../i18n/I18n.js"

/** Shown for a path no route matches. */
export const NotFound = () => {
  const { t } = useI18n()
  return (
    <main className="content">
      <p>{t.app.notFound}</p>
      <Link to="/">{t.app.back}</Link>
    </main>
  )
}
