import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { agreementsQuery, beneficiaryQuery } from "@/api/agreements.js"
import { useAllows } from "@/auth/Can.js"
import { useI18n } from "@/i18n/I18n.js"
import { DateText, Page, Problem, Section } from "@/ui/index.js"

export const Route = createFileRoute("/_app/beneficiaries/$beneficiaryId")({
  component: BeneficiaryPage,
})

function BeneficiaryPage() {
  const { t } = useI18n()
  const tb = t.product.beneficiaries
  const { beneficiaryId } = Route.useParams()
  const beneficiary = useQuery(beneficiaryQuery(beneficiaryId))
  const agreements = useQuery(agreementsQuery({ beneficiaryId }))
  const mayDeclare = useAllows("agreements", "write")
  if (beneficiary.error) return <Problem error={beneficiary.error} />
  const b = beneficiary.data
  if (!b) return <p className="muted">{t.app.loading}</p>
  return (
    <Page
      title={b.personal ? `${b.personal.givenName} ${b.personal.familyName}` : b.pseudonym}
      lead={b.personal ? b.pseudonym : tb.nameHidden}
      actions={
        mayDeclare && (
          <Link to="/agreements/new" search={{ beneficiaryId: b.id }} className="button primary">
            {tb.declareIntent}
          </Link>
        )
      }
    >
      <dl className="facts">
        <dt>{tb.pseudonym}</dt>
        <dd data-testid="beneficiary-pseudonym">{b.pseudonym}</dd>
        <dt>{tb.status}</dt>
        <dd>{t.agreements.statusKind[b.statusKind]}</dd>
        <dt>{tb.decided}</dt>
        <dd>
          <DateText date={b.statusDecisionDate} />
        </dd>
        <dt>{tb.family}</dt>
        <dd>{b.familyMembers}</dd>
      </dl>
      <Section title={tb.agreements}>
        {agreements.data && agreements.data.items.length === 0 ? (
          <p className="muted">{tb.noAgreements}</p>
        ) : (
          <ul>
            {agreements.data?.items.map((a) => (
              <li key={a.id}>
                <Link to="/agreements/$agreementId" params={{ agreementId: a.id }}>
                  {t.agreements.state[a.state]}
                </Link>{" "}
                <span className="muted">
                  <DateText date={a.intentDate} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  )
}
