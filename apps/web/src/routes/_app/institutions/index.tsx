import { InstitutionKind, InstitutionLevel, PlanningRegionCode } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useEffect, useState } from "react"
import { institutionsQuery } from "../../../api/institutions.js"
import { SelectField, TextInput } from "../../../components/Fields.js"
import { kindOptions, levelOptions, placeName, regionOptions } from "../../../components/reach/labels.js"
import { CreatePanel } from "../../../components/reach/CreatePanel.js"
import { useI18n } from "../../../i18n/I18n.js"
import { InstitutionForm } from "./-components/InstitutionForm.js"

const InstitutionsSearch = Schema.Struct({
  kind: Schema.optional(InstitutionKind),
  level: Schema.optional(InstitutionLevel),
  planningRegion: Schema.optional(PlanningRegionCode),
  q: Schema.optional(Schema.String),
})

export const Route = createFileRoute("/_app/institutions/")({
  validateSearch: Schema.standardSchemaV1(InstitutionsSearch),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(institutionsQuery(deps)),
  component: InstitutionsPage,
})

function InstitutionsPage() {
  const { t, language } = useI18n()
  const r = t.reach.institutions
  const filter = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data } = useSuspenseQuery(institutionsQuery(filter))
  const [name, setName] = useState(filter.q ?? "")
  useEffect(() => {
    const timer = setTimeout(() => {
      if (name !== (filter.q ?? "")) setFilter({ q: name || undefined })
    }, 250)
    return () => clearTimeout(timer)
  })
  const items = data
  const setFilter = (patch: Partial<typeof filter>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true })
  return (
    <section>
      <CreatePanel
        level={1}
        title={r.title}
        createLabel={r.create}
        formTitle={r.createTitle}
        formId="new-institution"
        form={(done) => <InstitutionForm onCreated={(i) => done(r.created(i.name))} />}
      />
      <search aria-label={r.filters} className="filters">
        <TextInput label={r.name} type="search" value={name} onChange={setName} />
        <SelectField
          label={r.kind}
          value={filter.kind}
          onChange={(kind) => setFilter({ kind: kind as typeof filter.kind })}
          options={kindOptions(t.reach)}
          emptyLabel={t.reach.any}
        />
        <SelectField
          label={r.level}
          value={filter.level}
          onChange={(level) => setFilter({ level: level as typeof filter.level })}
          options={levelOptions(t.reach)}
          emptyLabel={t.reach.any}
        />
        <SelectField
          label={r.planningRegion}
          value={filter.planningRegion}
          onChange={(planningRegion) =>
            setFilter({ planningRegion: planningRegion as typeof filter.planningRegion })
          }
          options={regionOptions(language)}
          emptyLabel={t.reach.any}
        />
      </search>
      <p className="muted" aria-live="polite">
        {r.count(items.length)}
      </p>
      {items.length === 0 ? (
        <p className="muted">{t.app.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{r.name}</th>
              <th scope="col">{r.kind}</th>
              <th scope="col">{r.level}</th>
              <th scope="col">{r.planningRegion}</th>
              <th scope="col">{r.province}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to="/institutions/$institutionId" params={{ institutionId: i.id }}>
                    {i.name}
                  </Link>
                </td>
                <td>{t.reach.institutionKind[i.kind]}</td>
                <td>{t.reach.level[i.level]}</td>
                <td>{i.planningRegion ? placeName(i.planningRegion, language) : i.country}</td>
                <td>{i.province ? placeName(i.province, language) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
