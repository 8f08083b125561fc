import { useMutation, useQueries, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { Button } from "react-aria-components"
import {
  eventQuery,
  personParticipationsQuery,
  personQuery,
  unmergePerson,
  afterReachChange,
} from "../../../api/reach.js"
import { ProblemAlert, StatusMessage } from "../../../components/reach/Fields.js"
import { useInstitutionNames } from "../../../api/institutions.js"
import { PersonDataActions } from "../../../components/access/PersonDataActions.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/people/$personId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(personQuery(params.personId)),
  component: PersonPage,
})

function PersonPage() {
  const { t, formatDate } = useI18n()
  const r = t.reach.people
  const { personId } = Route.useParams()
  const queryClient = useQueryClient()
  const { data: person } = useSuspenseQuery(personQuery(personId))
  const participations = useQuery(personParticipationsQuery(personId))
  const institutionName = useInstitutionNames([
    person.institutionId,
    ...(participations.data ?? []).map((p) => p.institutionId),
  ])
  const eventIds = [...new Set((participations.data ?? []).map((p) => p.eventId))]
  const events = useQueries({ queries: eventIds.map((id) => eventQuery(id)) })
  const eventTitle = (id: string) => events.find((e) => e.data?.id === id)?.data?.title ?? id
  const undo = useMutation({
    mutationFn: () => unmergePerson(personId),
    onSuccess: () => afterReachChange(queryClient),
  })
  return (
    <section>
      <p className="muted">{r.title}</p>
      <h1>
        {person.givenName} {person.familyName}
      </h1>
      {person.mergedInto && (
        <div className="panel" role="note">
          {r.mergedInto}{" "}
          <Link to="/people/$personId" params={{ personId: person.mergedInto }}>
            {person.mergedInto}
          </Link>
          .{" "}
          {person.allowedActions.includes("unmerge") && (
            <Button className="button" onPress={() => undo.mutate()} isDisabled={undo.isPending}>
              {r.undoMerge}
            </Button>
          )}
        </div>
      )}
      {undo.isSuccess && <StatusMessage>{r.unmerged}</StatusMessage>}
      {undo.isError && <ProblemAlert error={undo.error} />}
      <dl className="facts">
        <dt>{r.institution}</dt>
        <dd>
          <Link to="/institutions/$institutionId" params={{ institutionId: person.institutionId }}>
            {institutionName(person.institutionId)}
          </Link>
        </dd>
        {person.email && (
          <>
            <dt>{r.email}</dt>
            <dd>{person.email}</dd>
          </>
        )}
        {person.phone && (
          <>
            <dt>{r.phone}</dt>
            <dd>{person.phone}</dd>
          </>
        )}
        {person.gender && (
          <>
            <dt>{r.gender}</dt>
            <dd>{t.reach.gender[person.gender]}</dd>
          </>
        )}
      </dl>
      <h2>{r.participations}</h2>
      {participations.isError ? (
        <ProblemAlert error={participations.error} />
      ) : (participations.data?.length ?? 0) === 0 ? (
        <p className="muted">{participations.isPending ? t.app.loading : r.noParticipations}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{r.event}</th>
              <th scope="col">{r.institution}</th>
              <th scope="col">{r.role}</th>
              <th scope="col">{r.status}</th>
              <th scope="col">{r.days}</th>
            </tr>
          </thead>
          <tbody>
            {(participations.data ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to="/events/$eventId" params={{ eventId: p.eventId }}>
                    {eventTitle(p.eventId)}
                  </Link>
                </td>
                <td>{institutionName(p.institutionId)}</td>
                <td>{t.reach.role[p.role]}</td>
                <td>{t.reach.status[p.status]}</td>
                <td>{p.attendedDays.map(formatDate).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PersonDataActions kind="person" id={personId} allowed={person.allowedActions} />
    </section>
  )
}
