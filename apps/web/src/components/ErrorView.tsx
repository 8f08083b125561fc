import { type ErrorComponentProps, Navigate, useRouter } from "@tanstack/react-router"
import { Button } from "react-aria-components"
import { ApiProblem } from "../api/client.js"
import { clearToken } from "../auth/session.js"
import { useI18n } from "../i18n/I18n.js"

/** Shown when a route fails to load; an expired or revoked token leads back to sign-in. */
export const ErrorView = ({ error, reset }: ErrorComponentProps) => {
  const { t } = useI18n()
  const router = useRouter()
  if (error instanceof ApiProblem && error.status === 401) {
    clearToken()
    return <Navigate to="/sign-in" search={{ redirect: router.state.location.href }} />
  }
  if (error instanceof ApiProblem && error.status === 404) return <p role="alert">{t.app.notFound}</p>
  if (error instanceof ApiProblem && error.status === 403) return <p role="alert">{t.access.forbidden}</p>
  return (
    <div role="alert" className="error-box">
      <h2>{t.app.error}</h2>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <Button
        className="button"
        onPress={() => {
          reset()
          void router.invalidate()
        }}
      >
        {t.app.retry}
      </Button>
    </div>
  )
}
