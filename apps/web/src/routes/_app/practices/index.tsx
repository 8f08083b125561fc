import { GovernmentLevel, type Practice, PracticeArea } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useEffect, useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { practicesQuery } from "@/api/practices.js"
import { CreatePanel } from "@/components/reach/CreatePanel.js"
import { useI18n } from "@/i18n/I18n.js"
import { type Column, DataTable, Select, TextField } from "@/ui/index.js"
import { areaName, areaOptions, countryName, countryOptions, inLanguage } from "./-components/labels.js"
import { PracticeForm } from "./-components/PracticeForm.js"

const LibrarySearch = Schema.Struct({
  q: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  area: Schema.optional(PracticeArea),
  level: Schema.optional(GovernmentLevel),
  cursor: Schema.optional(Schema.String),
})

export const Route = createFileRoute("/_app/practices/")({
  validateSearch: Schema.standardSchemaV1(LibrarySearch),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(practicesQuery(deps)),
  component: LibraryPage,
})

function LibraryPage() {
  const { t, language } = useI18n()
  const l = t.practices.library
  const filter = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data } = useSuspenseQuery(practicesQuery(filter))
  const [q, setQ] = useState(filter.q ?? "")
  // Any change of the filters starts again from the first page.
  const setFilter = (patch: Partial<typeof filter>) =>
    void navigate({ search: (prev) => ({ ...prev, cursor: undefined, ...patch }), replace: true })
  useEffect(() => {
    const timer = setTimeout(() => {
      if (q !== (filter.q ?? "")) setFilter({ q: q || undefined })
    }, 250)
    return () => clearTimeout(timer)
  })
  const columns = useMemo<ReadonlyArray<Column<Practice>>>(
    () => [
      {
        id: "title",
        header: l.titleColumn,
        cell: ({ row }) => {
          const title = inLanguage(row.original.title, language)
          return (
            <Link to="/practices/$practiceId" params={{ practiceId: row.original.id }}>
              {title?.text ?? row.original.id}
              {title && title.shownIn !== language && (
                <span className="muted">
                  {" "}
                  ({t.practices.practice.missing(t.practices.language[language]!)})
                </span>
              )}
            </Link>
          )
        },
      },
      { id: "country", header: l.country, cell: ({ row }) => countryName(row.original.country, language) },
      { id: "area", header: l.area, cell: ({ row }) => areaName(row.original.area, language) },
      { id: "level", header: l.level, cell: ({ row }) => t.practices.level[row.original.level] },
    ],
    [l, t, language],
  )
  return (
    <section>
      <CreatePanel
        level={1}
        title={l.title}
        createLabel={l.create}
        formTitle={l.createTitle}
        formId="new-practice"
        form={(done) => (
          <PracticeForm onSaved={(p) => done(l.created(inLanguage(p.title, language)?.text ?? p.id))} />
        )}
      />
      <search aria-label={l.filters} className="filters">
        <TextField label={l.search} type="search" value={q} onChange={setQ} />
        <Select
          label={l.country}
          value={filter.country}
          onChange={(country) => setFilter({ country })}
          options={countryOptions(language)}
          emptyLabel={l.any}
        />
        <Select
          label={l.area}
          value={filter.area}
          onChange={(area) => setFilter({ area: area as typeof filter.area })}
          options={areaOptions(language)}
          emptyLabel={l.any}
        />
        <Select
          label={l.level}
          value={filter.level}
          onChange={(level) => setFilter({ level: level as typeof filter.level })}
          options={(["central", "regional", "local"] as const).map((v) => ({
            id: v,
            label: t.practices.level[v]!,
          }))}
          emptyLabel={l.any}
        />
      </search>
      <p className="muted" aria-live="polite">
        {l.count(data.items.length)}
      </p>
      <DataTable
        id="practices"
        caption={l.title}
        columns={columns}
        rows={data.items}
        rowId={(p) => p.id}
        empty={t.app.none}
      />
      <div className="form-actions">
        {filter.cursor && (
          <Button className="button" onPress={() => setFilter({})}>
            {l.firstPage}
          </Button>
        )}
        {data.nextCursor && (
          <Button
            className="button"
            onPress={() =>
              void navigate({ search: (prev) => ({ ...prev, cursor: data.nextCursor ?? undefined }) })
            }
          >
            {t.app.next}
          </Button>
        )}
      </div>
    </section>
  )
}
