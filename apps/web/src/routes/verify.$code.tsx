import { useQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { ApiProblem } from "../api/client.js"
import { verificationQuery } from "../api/certificates.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"

/** The public check of a certificate's code (the address printed on each certificate): no sign-in. */
export const Route = createFileRoute("/verify/$code")({
  component: Verify,
})

function Verify() {
  const { t, formatDate } = useI18n()
  const v = t.certificates.verify
  const { code } = Route.useParams()
  const check = useQuery(verificationQuery(code))
  const failed = check.error instanceof ApiProblem ? check.error.status : check.isError ? 500 : undefined
  return (
    <main className="sign-in">
      <div className="sign-in-card verify-card" data-testid="verification">
        <header className="sign-in-header">
          <h1>{v.title}</h1>
          <LanguageSwitch />
        </header>
        <p className="muted">
          {v.code}: <code>{code}</code>
        </p>
        {check.isPending && <p role="status">{v.checking}</p>}
        {check.data && (
          <>
            <p role="status" className="success">
              <strong>{v.valid}</strong>
            </p>
            <dl className="facts">
              <dt>{v.holder}</dt>
              <dd>{check.data.initials}</dd>
              <dt>{v.event}</dt>
              <dd>{check.data.event.title}</dd>
              <dt>{v.dates}</dt>
              <dd>
                {formatDate(check.data.event.startDate)}
                {check.data.event.endDate !== check.data.event.startDate
                  ? ` – ${formatDate(check.data.event.endDate)}`
                  : ""}
              </dd>
            </dl>
          </>
        )}
        {failed !== undefined && (
          <p role="alert" className="warning">
            {failed === 429 ? v.throttled : failed === 404 ? v.unknown : t.app.error}
          </p>
        )}
      </div>
    </main>
  )
}
