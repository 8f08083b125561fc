import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { institutionQuery } from "../../../api/institutions.js"
import { placeName } from "../../../components/reach/labels.js"
import { useI18n } from "../../../i18n/I18n.js"
import { ContactEmails } from "./-components/ContactEmails.js"

export const Route = createFileRoute("/_app/institutions/$institutionId")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(institutionQuery(params.institutionId)),
  component: InstitutionPage,
})

function InstitutionPage() {
  const { t, language } = useI18n()
  const r = t.reach.institutions
  const { institutionId } = Route.useParams()
  const { data: i } = useSuspenseQuery(institutionQuery(institutionId))
  return (
    <section>
      <p className="muted">{r.title}</p>
      <h1>{i.name}</h1>
      <dl className="facts">
        <dt>{r.kind}</dt>
        <dd>{t.reach.institutionKind[i.kind]}</dd>
        <dt>{r.level}</dt>
        <dd>{t.reach.level[i.level]}</dd>
        <dt>{r.country}</dt>
        <dd>{i.country}</dd>
        {i.planningRegion && (
          <>
            <dt>{r.planningRegion}</dt>
            <dd>
              {placeName(i.planningRegion, language)} ({i.planningRegion})
            </dd>
          </>
        )}
        {i.province && (
          <>
            <dt>{r.province}</dt>
            <dd>
              {placeName(i.province, language)} ({i.province})
            </dd>
          </>
        )}
        {i.municipality && (
          <>
            <dt>{r.municipality}</dt>
            <dd>{i.municipality}</dd>
          </>
        )}
      </dl>
      <ContactEmails institution={i} />
    </section>
  )
}
