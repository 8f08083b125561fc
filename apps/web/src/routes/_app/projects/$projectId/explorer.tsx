import type { ReachPerson } from "@coordina/domain"
import { type BreakdownKey, breakdownKeys, type DrillIndicator } from "@coordina/domain"
import { useQuery, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table"
import { Schema } from "effect"
import { useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { disseminationQuery, eventsQuery, reachPeopleQuery, reachQuery } from "@/api/reach.js"
import { ProblemAlert } from "@/components/reach/Fields.js"
import { SelectField, TextInput } from "@/components/Fields.js"
import { bucketLabel } from "@/components/reach/labels.js"
import { useInstitutionNames } from "@/api/institutions.js"
import { useI18n } from "@/i18n/I18n.js"
import { ExplorerSearch } from "./-components/search.js"
import { queryString } from "@/api/client.js"
import { ExportButtons } from "@/ui/Export.js"

/** The people behind any reach figure: a headline figure or a bucket of a breakdown. */
export const Route = createFileRoute("/_app/projects/$projectId/explorer")({
  validateSearch: Schema.standardSchemaV1(ExplorerSearch),
  loaderDeps: ({ search }) => ({ asOf: search.asOf }),
  loader: ({ context, params, deps }) =>
    context.queryClient.ensureQueryData(reachQuery(params.projectId, deps.asOf)),
  component: Explorer,
})

const isBreakdown = (i: DrillIndicator): i is BreakdownKey =>
  (breakdownKeys as ReadonlyArray<string>).includes(i)

/** A row of the table: what the API sent, with names resolved for display. */
interface Row {
  readonly personId: string
  readonly name: string
  readonly institution: string
  readonly day: string
  readonly event: string
}

function Explorer() {
  const { t, language, formatDate, formatNumber } = useI18n()
  const e = t.reach.explorer
  const d = t.reach.dashboard
  const { projectId } = Route.useParams()
  const search = Route.useSearch()
  const indicator: DrillIndicator = search.indicator ?? "direct"
  const navigate = useNavigate({ from: Route.fullPath })
  const { data: reach } = useSuspenseQuery(reachQuery(projectId, search.asOf))
  const events = useQuery(eventsQuery(projectId))
  const activities = useQuery(disseminationQuery(projectId))
  const needsBucket = isBreakdown(indicator) && search.bucket === undefined
  const people = useQuery({
    ...reachPeopleQuery(projectId, indicator, search.bucket, search.asOf),
    enabled: !needsBucket,
  })
  const institutionName = useInstitutionNames(people.data?.items.map((p) => p.institutionId))

  const figureOptions = [
    { id: "direct", label: d.direct },
    { id: "indirect", label: d.indirect },
    { id: "total", label: d.total },
    ...breakdownKeys.map((k) => ({ id: k, label: `${d.direct} · ${t.reach.breakdown[k]}` })),
  ]
  const bucketOptions = isBreakdown(indicator)
    ? Object.keys(reach.direct[indicator]).map((b) => ({
        id: b,
        label: bucketLabel(t.reach, language, indicator, b),
      }))
    : []
  const figureValue = isBreakdown(indicator)
    ? search.bucket === undefined
      ? undefined
      : (reach.direct[indicator][search.bucket] ?? 0)
    : indicator === "direct"
      ? reach.direct.total
      : indicator === "indirect"
        ? reach.indirect.total
        : reach.total

  // `via` is the event of first contact, or for named indirect reach the dissemination activity.
  const viaTitle = useMemo(() => {
    const titles = new Map<string, string>([
      ...(events.data ?? []).map((ev) => [ev.id, ev.title] as const),
      ...(activities.data ?? []).map((a) => [a.id, a.title] as const),
    ])
    return (id: string) => titles.get(id) ?? id
  }, [events.data, activities.data])
  const rows = useMemo<Array<Row>>(
    () =>
      (people.data?.items ?? []).map((p: ReachPerson) => ({
        personId: p.personId,
        name: p.displayName ?? "",
        institution: p.institutionId ? institutionName(p.institutionId) : "",
        day: p.firstDate,
        event: viaTitle(p.via),
      })),
    [people.data, institutionName, viaTitle],
  )

  return (
    <>
      <h2>{e.title}</h2>
      <p className="muted">{e.intro}</p>
      <div className="filters">
        <SelectField
          label={e.figure}
          value={indicator}
          options={figureOptions}
          onChange={(value) =>
            void navigate({
              search: { indicator: (value ?? "direct") as DrillIndicator, asOf: search.asOf },
              replace: true,
            })
          }
        />
        {isBreakdown(indicator) && (
          <SelectField
            label={e.bucket}
            value={search.bucket}
            options={bucketOptions}
            onChange={(bucket) => void navigate({ search: (prev) => ({ ...prev, bucket }), replace: true })}
          />
        )}
        <TextInput
          label={d.asOf}
          type="date"
          value={search.asOf ?? reach.asOf}
          onChange={(value) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(value))
              void navigate({ search: (prev) => ({ ...prev, asOf: value }), replace: true })
          }}
        />
      </div>
      {figureValue !== undefined && (
        <p className="figure-line">
          <strong>{figureOptions.find((o) => o.id === indicator)?.label}</strong>
          {search.bucket !== undefined && isBreakdown(indicator)
            ? ` · ${bucketLabel(t.reach, language, indicator, search.bucket)}`
            : ""}
          : <span data-testid="explorer-figure">{formatNumber(figureValue)}</span> ({formatDate(reach.asOf)})
        </p>
      )}
      {needsBucket ? (
        <p className="muted">{e.chooseBucket}</p>
      ) : people.isError ? (
        <ProblemAlert error={people.error} />
      ) : people.isPending ? (
        <p className="muted">{t.app.loading}</p>
      ) : (
        <>
          <ExportButtons
            path={`/v1/projects/${encodeURIComponent(projectId)}/reach/people${queryString({
              asOf: search.asOf,
              indicator,
              bucket: search.bucket,
            })}`}
          />
          <PeopleTable rows={rows} total={people.data.total} />
        </>
      )}
    </>
  )
}

function PeopleTable({ rows, total }: { readonly rows: Array<Row>; readonly total: number }) {
  const { t, formatDate } = useI18n()
  const e = t.reach.explorer
  const [sorting, setSorting] = useState<SortingState>([])
  const [filter, setFilter] = useState("")
  const columns = useMemo<Array<ColumnDef<Row>>>(
    () => [
      {
        id: "name",
        header: e.person,
        accessorFn: (r) => r.name || r.personId,
        cell: ({ row }) => (
          <Link to="/people/$personId" params={{ personId: row.original.personId }}>
            {row.original.name || row.original.personId}
          </Link>
        ),
      },
      { id: "personId", header: e.id, accessorKey: "personId" },
      { id: "institution", header: e.institution, accessorKey: "institution" },
      {
        id: "day",
        header: e.firstContact,
        accessorKey: "day",
        cell: ({ getValue }) => {
          const v = getValue<string>()
          return v ? formatDate(v) : ""
        },
      },
      { id: "event", header: e.via, accessorKey: "event" },
    ],
    [e, formatDate],
  )
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  })
  const shown = table.getRowModel().rows
  return (
    <section aria-label={e.people(rows.length)}>
      <div className="filters">
        <TextInput label={e.filter} value={filter} onChange={setFilter} type="search" />
      </div>
      <p className="muted" aria-live="polite" data-testid="explorer-count">
        {e.people(shown.length)}
        {total > rows.length ? ` · ${e.firstOf(rows.length, total)}` : ""}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{e.none}</p>
      ) : (
        <table className="table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted()
                  const name = String(header.column.columnDef.header)
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    >
                      <Button
                        className="sort-button"
                        onPress={() => header.column.toggleSorting(sorted === "asc")}
                        aria-label={e.sortBy(name)}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                        </span>
                      </Button>
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
