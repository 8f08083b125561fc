import { createFileRoute, Link, Outlet, redirect, useNavigate } from "@tanstack/react-router"
import { Button } from "react-aria-components"
import { clearToken, getToken } from "../auth/session.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"

/** The signed-in part of the app: a header with navigation, then the page. */
export const Route = createFileRoute("/_app")({
  beforeLoad: ({ location }) => {
    if (!getToken()) throw redirect({ to: "/sign-in", search: { redirect: location.href } })
  },
  component: AppLayout,
})

function AppLayout() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const signOut = () => {
    clearToken()
    void navigate({ to: "/sign-in", search: {} })
  }
  return (
    <div className="layout">
      <header className="topbar">
        <Link to="/projects" className="brand">
          {t.app.name}
        </Link>
        <nav aria-label={t.nav.mainNavigation} className="nav">
          <Link to="/projects" activeProps={{ className: "active" }}>
            {t.nav.projects}
          </Link>
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <Button onPress={signOut} className="button">
            {t.app.signOut}
          </Button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  )
}
