import { type Institution, InstitutionKind, InstitutionLevel, PlanningRegionCode } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useEffect, useMemo, useState } from "react"
import { institutionsQuery } from "@/api/institutions.js"
import { type Column, DataTable, Select, TextField } from "@/ui/index.js"
import { kindOptions, levelOptions, placeName, regionOptions } from "@/components/reach/labels.js"
import { CreatePanel } from "@/components/reach/CreatePanel.js"
import { useI18n } from "@/i18n/I18n.js"
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
  const columns = useMemo<ReadonlyArray<Column<Institution>>>(
    () => [
      {
        id: "name",
        header: r.name,
        cell: ({ row }) => (
          <Link to="/institutions/$institutionId" params={{ institutionId: row.original.id }}>
            {row.original.name}
          </Link>
        ),
      },
      { id: "kind", header: r.kind, cell: ({ row }) => t.reach.institutionKind[row.original.kind] },
      { id: "level", header: r.level, cell: ({ row }) => t.reach.level[row.original.level] },
      {
        id: "planningRegion",
        header: r.planningRegion,
        cell: ({ row }) =>
          row.original.planningRegion
            ? placeName(row.original.planningRegion, language)
            : row.original.country,
      },
      {
        id: "province",
        header: r.province,
        cell: ({ row }) => (row.original.province ? placeName(row.original.province, language) : ""),
      },
    ],
    [r, t, language],
  )
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
        <TextField label={r.name} type="search" value={name} onChange={setName} />
        <Select
          label={r.kind}
          value={filter.kind}
          onChange={(kind) => setFilter({ kind: kind as typeof filter.kind })}
          options={kindOptions(t.reach)}
          emptyLabel={t.reach.any}
        />
        <Select
          label={r.level}
          value={filter.level}
          onChange={(level) => setFilter({ level: level as typeof filter.level })}
          options={levelOptions(t.reach)}
          emptyLabel={t.reach.any}
        />
        <Select
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
      <DataTable
        id="institutions"
        caption={r.title}
        columns={columns}
        rows={items}
        rowId={(i) => i.id}
        empty={t.app.none}
      />
    </section>
  )
}
