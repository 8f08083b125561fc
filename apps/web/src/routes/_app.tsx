import { useQueryClient } from "@tanstack/react-query"
import { createFileRoute, Link, Outlet, redirect, useNavigate } from "@tanstack/react-router"
import { useEffect } from "react"
import { Button } from "react-aria-components"
import { currentSessionQuery, signOut as endSession } from "../api/access.js"
import { ApiProblem, onUnauthorized } from "../api/client.js"
import { ensureToday } from "../api/today.js"
import { clearToken, setCsrfToken } from "../auth/session.js"
import { GlobalSearch } from "../components/GlobalSearch.js"
import { MainNav } from "../components/MainNav.js"
import { WhoAmI } from "../components/access/WhoAmI.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"

/** The signed-in part of the app: a header with navigation, then the page. */
export const Route = createFileRoute("/_app")({
  // Who is signed in: the session cookie or the token decides; a new tab of a signed-in browser
  // gets its CSRF token back here. Then today, the API's date and zone, which every page takes
  // its "today" from.
  beforeLoad: async ({ context, location }) => {
    try {
      const session = await context.queryClient.ensureQueryData(currentSessionQuery())
      if (session.csrfToken) setCsrfToken(session.csrfToken)
    } catch (error) {
      if (!(error instanceof ApiProblem && error.status === 401)) throw error
      clearToken()
      throw redirect({ to: "/sign-in", search: { redirect: location.href } })
    }
    await ensureToday(context.queryClient)
  },
  component: AppLayout,
})

function AppLayout() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // A session that ends (expired, revoked, signed out elsewhere) leads back to sign-in.
  useEffect(
    () =>
      onUnauthorized(() => {
        clearToken()
        queryClient.clear()
        void navigate({
          to: "/sign-in",
          search: { redirect: window.location.pathname + window.location.search },
        })
      }),
    [navigate, queryClient],
  )
  const signOut = async () => {
    // A session ends on the server at once (its cookie stops working); a token cannot be signed
    // out, only forgotten here.
    if (queryClient.getQueryData(currentSessionQuery().queryKey)?.kind === "session")
      await endSession().catch(() => undefined)
    clearToken()
    queryClient.clear()
    await navigate({ to: "/sign-in", search: {} })
  }
  return (
    <div className="layout">
      <header className="topbar">
        <Link to="/projects" className="brand">
          {t.app.name}
        </Link>
        <MainNav />
        <GlobalSearch />
        <div className="topbar-end">
          <WhoAmI />
          {/* A glyph, not words: the Bulgarian top bar must stay on one row at 1366 px. */}
          <Link
            to="/settings/notifications"
            className="button"
            aria-label={t.notifications.link}
            title={t.notifications.link}
          >
            <span aria-hidden="true">✉</span>
          </Link>
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
