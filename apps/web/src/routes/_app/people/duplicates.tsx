import type { DuplicateGroupView } from "@coordina/domain"
import type { Person } from "@coordina/domain"
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { useState } from "react"
import { Button } from "react-aria-components"
import { duplicatesQuery, mergePerson, unmergePerson, afterReachChange } from "../../../api/reach.js"
import { ProblemAlert } from "../../../components/reach/Fields.js"
import { useInstitutionNames } from "../../../api/institutions.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/people/duplicates")({
  loader: ({ context }) => context.queryClient.ensureQueryData(duplicatesQuery()),
  component: DuplicatesPage,
})

interface Merged {
  readonly personId: string
  readonly label: string
  readonly into: string
  readonly undone: boolean
}

function DuplicatesPage() {
  const { t } = useI18n()
  const r = t.reach.duplicates
  const { data } = useSuspenseQuery(duplicatesQuery())
  const queryClient = useQueryClient()
  const [merged, setMerged] = useState<ReadonlyArray<Merged>>([])
  const institutionName = useInstitutionNames(data.items.flatMap((g) => g.people.map((p) => p.institutionId)))
  const label = (p: Person) => `${p.givenName} ${p.familyName} (${institutionName(p.institutionId)})`
  // A merge changes who is counted: people and every reach figure.
  const refresh = () => afterReachChange(queryClient)
  const merge = useMutation({
    mutationFn: ({ from, into }: { from: Person; into: Person }) => mergePerson(from.id, into.id),
    onSuccess: async (_, { from, into }) => {
      setMerged((m) => [{ personId: from.id, label: label(from), into: label(into), undone: false }, ...m])
      await refresh()
    },
  })
  const undo = useMutation({
    mutationFn: (personId: string) => unmergePerson(personId),
    onSuccess: async (_, personId) => {
      setMerged((m) => m.map((x) => (x.personId === personId ? { ...x, undone: true } : x)))
      await refresh()
    },
  })
  return (
    <section>
      <h1>{r.title}</h1>
      <p className="muted">{r.intro}</p>
      <div role="status" className="merge-log">
        {merged.map((m) => (
          <p key={m.personId} className="status">
            {m.undone ? r.undone(m.label) : r.merged(m.label, m.into)}{" "}
            {!m.undone && (
              <Button className="button" onPress={() => undo.mutate(m.personId)} isDisabled={undo.isPending}>
                {r.undo}
              </Button>
            )}
          </p>
        ))}
      </div>
      {merge.isError && <ProblemAlert error={merge.error} />}
      {undo.isError && <ProblemAlert error={undo.error} />}
      {data.items.length === 0 ? (
        <p className="muted">{r.none}</p>
      ) : (
        data.items.map((group) => (
          <DuplicateGroup
            key={group.nameKey}
            group={group}
            label={label}
            busy={merge.isPending}
            onMerge={(from, into) => merge.mutate({ from, into })}
          />
        ))
      )}
    </section>
  )
}

function DuplicateGroup(props: {
  readonly group: DuplicateGroupView
  readonly label: (p: Person) => string
  readonly busy: boolean
  readonly onMerge: (from: Person, into: Person) => void
}) {
  const { t } = useI18n()
  const r = t.reach.duplicates
  const p = t.reach.people
  const people = props.group.people
  const institutionName = useInstitutionNames(people.map((x) => x.institutionId))
  const first = people[0]
  const title = first ? `${first.givenName} ${first.familyName}` : props.group.nameKey
  const headingId = `dup-${props.group.nameKey.replace(/\W+/g, "-")}`
  const rows: ReadonlyArray<readonly [string, (x: Person) => string]> = [
    [r.id, (x) => x.id],
    [p.givenName, (x) => x.givenName],
    [p.familyName, (x) => x.familyName],
    [p.institution, (x) => institutionName(x.institutionId)],
    [p.email, (x) => x.email ?? ""],
    [p.phone, (x) => x.phone ?? ""],
    [p.gender, (x) => (x.gender ? t.reach.gender[x.gender] : "")],
  ]
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{r.group(title)}</h2>
      <div className="table-scroll">
        <table className="table compare">
          <thead>
            <tr>
              <th scope="col">{r.field}</th>
              {people.map((x, i) => (
                <th scope="col" key={x.id}>
                  <Link to="/people/$personId" params={{ personId: x.id }}>
                    {r.record(i + 1)}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value]) => {
              const differs = new Set(people.map(value)).size > 1
              return (
                <tr key={name} className={differs ? "reach-differs" : undefined}>
                  <th scope="row">{name}</th>
                  {people.map((x) => (
                    <td key={x.id}>{value(x)}</td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions wrap">
        {people.flatMap((from) =>
          people
            // The API says which records the caller may merge; only those are offered.
            .filter((into) => into.id !== from.id && from.allowedActions.includes("merge"))
            .map((into) => (
              <Button
                key={`${from.id}>${into.id}`}
                className="button"
                isDisabled={props.busy}
                onPress={() => props.onMerge(from, into)}
              >
                {r.mergeInto(props.label(from), props.label(into))}
              </Button>
            )),
        )}
      </div>
    </section>
  )
}
