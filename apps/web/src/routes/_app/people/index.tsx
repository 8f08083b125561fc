import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useEffect, useState } from "react"
import { Button } from "react-aria-components"
import { peopleQuery } from "../../../api/reach.js"
import { ProblemAlert, StatusMessage } from "../../../components/reach/Fields.js"
import { TextInput } from "../../../components/Fields.js"
import { useInstitutionNames } from "../../../api/institutions.js"
import { useI18n } from "../../../i18n/I18n.js"
import { PersonForm } from "./-components/PersonForm.js"

const PeopleSearch = Schema.Struct({ q: Schema.optional(Schema.String) })

export const Route = createFileRoute("/_app/people/")({
  validateSearch: Schema.standardSchemaV1(PeopleSearch),
  component: PeoplePage,
})

/** The value after it has stopped changing for `ms`, so a search is not sent per keystroke. */
const useSettled = <A,>(value: A, ms: number): A => {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

function PeoplePage() {
  const { t } = useI18n()
  const r = t.reach.people
  const { q } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const [text, setText] = useState(q ?? "")
  const settled = useSettled(text, 200)
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  useEffect(() => {
    if ((q ?? "") !== settled) void navigate({ search: settled ? { q: settled } : {}, replace: true })
  }, [settled, q, navigate])
  const results = useQuery(peopleQuery(settled))
  const institutionName = useInstitutionNames(results.data?.items.map((p) => p.institutionId))
  return (
    <section>
      <div className="page-head">
        <h1>{r.title}</h1>
        <Button className="button primary" aria-expanded={creating} onPress={() => setCreating((c) => !c)}>
          {r.create}
        </Button>
      </div>
      {creating && (
        <section aria-labelledby="new-person" className="panel">
          <h2 id="new-person">{r.createTitle}</h2>
          <PersonForm
            onCreated={(p) => {
              setCreating(false)
              setCreated(r.created(`${p.givenName} ${p.familyName}`))
            }}
          />
        </section>
      )}
      {created && <StatusMessage>{created}</StatusMessage>}
      <search className="filters">
        <TextInput
          label={r.search}
          value={text}
          onChange={setText}
          type="search"
          description={r.searchHelp}
        />
      </search>
      {results.isError ? (
        <ProblemAlert error={results.error} />
      ) : (
        <section aria-label={r.results} aria-busy={results.isFetching}>
          {results.data && results.data.items.length === 0 ? (
            <p className="muted">{r.noResults}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{r.name}</th>
                  <th scope="col">{r.institution}</th>
                  <th scope="col">{r.email}</th>
                </tr>
              </thead>
              <tbody>
                {(results.data?.items ?? []).map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to="/people/$personId" params={{ personId: p.id }}>
                        {p.givenName} {p.familyName}
                      </Link>
                    </td>
                    <td>{institutionName(p.institutionId)}</td>
                    <td>{p.email ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  )
}
