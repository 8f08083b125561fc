import {
  type AgreementView,
  addDays,
  type BeneficiaryView,
  governingRuleSet,
  isoDate,
  type ProcedureRuleSet,
  timeLimitEnd,
} from "@coordina/domain"
import { type UseQueryResult, useQuery, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { agreementEventsQuery, agreementQuery, beneficiaryQuery, planQuery } from "../../../api/agreements.js"
import { Panel } from "../../../components/agreements/Fields.js"
import { DaysLeft, ProblemBox, StateBadge, useLabels } from "../../../components/agreements/Shared.js"
import { useI18n } from "../../../i18n/I18n.js"
import { PersonDataActions } from "../../../components/access/PersonDataActions.js"
import { ActionPanel } from "./-components/ActionForms.js"
import { MeasuresTable, PlanEditor, TasksTable } from "./-components/PlanSection.js"
import { Timeline } from "./-components/Timeline.js"

export const Route = createFileRoute("/_app/agreements/$agreementId")({
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.agreementId)),
      context.queryClient.ensureQueryData(agreementEventsQuery(params.agreementId)),
    ]),
  component: CasePage,
})

function CasePage() {
  const { t } = useI18n()
  const tc = t.agreements.case
  const { agreementId } = Route.useParams()
  const { data: agreement } = useSuspenseQuery(agreementQuery(agreementId))
  const { data: events } = useSuspenseQuery(agreementEventsQuery(agreementId))
  const labels = useLabels()
  const beneficiary = useQuery({ ...beneficiaryQuery(agreement.beneficiaryId), retry: false })
  const plan = useQuery({ ...planQuery(agreementId), retry: false })
  const [editingPlan, setEditingPlan] = useState(false)

  // The governing rule set as the API serves it (its parameters may be configured), else the built-in one.
  const ruleSet = useMemo(() => {
    const served = labels.procedures.find((p) => p.id === agreement.procedureId)
    return served ?? governingRuleSet(agreement)
  }, [labels.procedures, agreement])
  // The API decides which actions the caller may take today; the page offers exactly those.
  const allowed = agreement.allowedActions
  const state = agreement.state
  const canPlan = agreement.planAllowed === true

  return (
    <section className="case-page">
      <p>
        <Link to="/agreements" search={{}}>
          ← {t.agreements.list.title}
        </Link>
      </p>
      <div className="page-head">
        <h1>{tc.title(beneficiary.data?.pseudonym ?? agreement.id)}</h1>
        <span data-testid="agreement-state">
          <StateBadge state={state} />
        </span>
      </div>

      <div className="case-grid">
        <Panel title={tc.summary} id="summary">
          <Summary agreement={agreement} ruleSet={ruleSet} />
          <BeneficiaryFacts query={beneficiary} />
        </Panel>
        <div>
          <Panel title={tc.actions} id="actions">
            <ActionPanel agreement={agreement} allowed={allowed} ruleSet={ruleSet} />
          </Panel>
          <Panel title={tc.deadlines} id="deadlines">
            <Deadlines agreement={agreement} ruleSet={ruleSet} />
          </Panel>
        </div>
      </div>

      <Panel title={tc.timeline} id="timeline">
        <Timeline events={events} procedureId={agreement.procedureId} />
      </Panel>

      <Panel title={tc.plan} id="plan">
        {plan.isError ? (
          <ProblemBox error={plan.error} />
        ) : editingPlan ? (
          plan.data && <PlanEditor plan={plan.data} ruleSet={ruleSet} onClose={() => setEditingPlan(false)} />
        ) : (
          <>
            <MeasuresTable measures={plan.data?.measures ?? []} procedureId={agreement.procedureId} />
            {canPlan && (
              <Button className="button" onPress={() => setEditingPlan(true)}>
                {t.agreements.plan.edit}
              </Button>
            )}
          </>
        )}
      </Panel>

      <Panel title={tc.tasks} id="tasks">
        {plan.isError ? (
          <ProblemBox error={plan.error} />
        ) : (
          <TasksTable tasks={plan.data?.tasks ?? []} procedureId={agreement.procedureId} />
        )}
      </Panel>
    </section>
  )
}

const Summary = ({ agreement: a, ruleSet }: { agreement: AgreementView; ruleSet: ProcedureRuleSet }) => {
  const { t, formatDate } = useI18n()
  const tc = t.agreements.case
  const labels = useLabels()
  return (
    <dl className="facts" data-testid="agreement-summary">
      <dt>{tc.procedure}</dt>
      <dd>{labels.procedureTitle(a.procedureId)}</dd>
      <dt>{tc.statusDecisionDate}</dt>
      <dd>{formatDate(a.statusDecisionDate)}</dd>
      <dt>{tc.intentDate}</dt>
      <dd>
        {formatDate(a.intentDate)}{" "}
        {a.intentDeadline && (
          <span className={a.intentLate ? "badge late-flag" : "badge ok-flag"}>
            {a.intentLate ? tc.intentLate : tc.intentOnTime}
          </span>
        )}
      </dd>
      {a.intentDeadline && (
        <>
          <dt>{tc.intentDeadline}</dt>
          <dd>{formatDate(a.intentDeadline)}</dd>
        </>
      )}
      {a.municipalityId && (
        <>
          <dt>{tc.municipality}</dt>
          <dd>{labels.institution(a.municipalityId)}</dd>
        </>
      )}
      {a.concludedOn && (
        <>
          <dt>{tc.concludedOn}</dt>
          <dd>{formatDate(a.concludedOn)}</dd>
          <dt>{tc.signedBy}</dt>
          <dd>{a.signedBy}</dd>
        </>
      )}
      {a.startDate && a.endDate && (
        <>
          <dt>{tc.term}</dt>
          <dd data-testid="agreement-term">
            {formatDate(a.startDate)} – {formatDate(a.endDate)}
          </dd>
          <dt>{tc.extensions}</dt>
          <dd>{tc.extensionsOf(a.extensions, ruleSet.maxExtensions)}</dd>
        </>
      )}
      {a.terminatedOn && (
        <>
          <dt>{tc.terminated}</dt>
          <dd>{formatDate(a.terminatedOn)}</dd>
          <dt>{tc.ground}</dt>
          <dd>{a.terminationGround ? labels.code(a.terminationGround, a.procedureId) : ""}</dd>
          <dt>{tc.initiator}</dt>
          <dd>{a.initiator}</dd>
        </>
      )}
      {a.closedOn && (
        <>
          <dt>{tc.closedOn}</dt>
          <dd>{formatDate(a.closedOn)}</dd>
          <dt>{tc.reason}</dt>
          <dd>{a.closeReason}</dd>
        </>
      )}
    </dl>
  )
}

const BeneficiaryFacts = ({ query }: { query: UseQueryResult<BeneficiaryView> }) => {
  const { t, formatDate } = useI18n()
  const tc = t.agreements.case
  if (!query.data) return query.isError ? <ProblemBox error={query.error} /> : null
  const b = query.data
  return (
    <>
      <dl className="facts">
        <dt>{t.agreements.list.beneficiary}</dt>
        <dd>{b.pseudonym}</dd>
        <dt>{tc.statusKind}</dt>
        <dd>{t.agreements.statusKind[b.statusKind]}</dd>
        <dt>{tc.familyMembers}</dt>
        <dd>{b.familyMembers}</dd>
      </dl>
      <h3>{tc.personal}</h3>
      {b.personal ? (
        <dl className="facts" data-testid="beneficiary-personal">
          <dt>{tc.givenName}</dt>
          <dd>{b.personal.givenName}</dd>
          <dt>{tc.familyName}</dt>
          <dd>{b.personal.familyName}</dd>
          {b.personal.birthDate && (
            <>
              <dt>{tc.birthDate}</dt>
              <dd>{formatDate(b.personal.birthDate)}</dd>
            </>
          )}
          {b.personal.citizenship && (
            <>
              <dt>{tc.citizenship}</dt>
              <dd>{b.personal.citizenship}</dd>
            </>
          )}
          {b.personal.gender && (
            <>
              <dt>{tc.gender}</dt>
              <dd>{t.agreements.gender[b.personal.gender]}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{tc.personalHidden}</p>
      )}
      <PersonDataActions kind="beneficiary" id={b.id} />
    </>
  )
}

/**
 * The time limits running now. Limits are computed by the domain (`timeLimitEnd` moves one
 * that ends on a non-working day); the page only shows them.
 */
const Deadlines = ({ agreement: a, ruleSet }: { agreement: AgreementView; ruleSet: ProcedureRuleSet }) => {
  const { t } = useI18n()
  const tc = t.agreements.case
  const rows: Array<{ label: string; date: string; moved: boolean }> = []
  if (a.state === "intent_declared" && a.intentDeadline)
    rows.push({ label: tc.intentDeadline, date: a.intentDeadline, moved: false })
  if (a.state === "matched" && a.matchedOn) {
    const start = isoDate(a.matchedOn)
    const days = ruleSet.parameters.concludeAfterMatchDays
    const end = timeLimitEnd(start, days)
    rows.push({ label: tc.conclude, date: end, moved: end !== addDays(start, days) })
  }
  if (a.state === "active" && a.endDate) rows.push({ label: tc.termEnds, date: a.endDate, moved: false })
  if (rows.length === 0) return <p className="muted">—</p>
  return (
    <table className="table narrow" aria-label={tc.deadlines}>
      <thead>
        <tr>
          <th scope="col">{tc.deadline}</th>
          <th scope="col">{tc.due}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td data-testid="deadline">
              <DaysLeft date={r.date} />
              {r.moved && <div className="muted small">{tc.nextWorkingDay}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
