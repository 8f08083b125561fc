import type { AgreementView } from "@coordina/domain"
import { AgreementState } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table"
import { Schema } from "effect"
import { useMemo, useState } from "react"
import { agreementsQuery } from "../../../api/agreements.js"
import { SelectField } from "../../../components/Fields.js"
import { StateBadge, useLabels } from "../../../components/agreements/Shared.js"
import { useI18n } from "../../../i18n/I18n.js"

const CaseListSearch = Schema.Struct({
  municipalityId: Schema.optional(Schema.String),
  state: Schema.optional(AgreementState),
  procedureId: Schema.optional(Schema.String),
  cursor: Schema.optional(Schema.String),
})

export const Route = createFileRoute("/_app/agreements/")({
  validateSearch: Schema.standardSchemaV1(CaseListSearch),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps: { cursor, ...filters } }) =>
    context.queryClient.ensureQueryData(agreementsQuery(filters, cursor)),
  component: CaseList,
})

const any = "__any"

function CaseList() {
  const { t, formatDate } = useI18n()
  const ta = t.agreements
  const search = Route.useSearch()
  const { cursor, ...filters } = search
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  const { data } = useSuspenseQuery(agreementsQuery(filters, cursor))
  const [sorting, setSorting] = useState<SortingState>([])

  const setFilter = (key: "municipalityId" | "state" | "procedureId", value: string) =>
    void navigate({
      search: (prev) => {
        const { cursor: _dropped, ...rest } = prev
        return { ...rest, [key]: value === any || value === "" ? undefined : value }
      },
    })

  const columns = useMemo<Array<ColumnDef<AgreementView>>>(
    () => [
      {
        id: "id",
        header: ta.list.agreement,
        accessorKey: "id",
        cell: ({ row }) => (
          <Link to="/agreements/$agreementId" params={{ agreementId: row.original.id }}>
            {row.original.id}
          </Link>
        ),
      },
      {
        id: "state",
        header: ta.list.state,
        accessorKey: "state",
        cell: ({ row }) => <StateBadge state={row.original.state} />,
      },
      {
        id: "procedure",
        header: ta.list.procedure,
        accessorKey: "procedureId",
        cell: ({ row }) => labels.procedure(row.original.procedureId),
      },
      {
        id: "municipality",
        header: ta.list.municipality,
        accessorFn: (a) => labels.institution(a.municipalityId),
        cell: ({ row }) =>
          row.original.municipalityId ? (
            labels.institution(row.original.municipalityId)
          ) : (
            <span className="muted">{ta.list.unassigned}</span>
          ),
      },
      {
        id: "intentDate",
        header: ta.list.intentDate,
        accessorKey: "intentDate",
        cell: ({ row }) => (
          <>
            {formatDate(row.original.intentDate)}
            {row.original.intentLate && <span className="badge late-flag">{ta.list.late}</span>}
          </>
        ),
      },
      {
        id: "endDate",
        header: ta.list.endDate,
        accessorFn: (a) => a.endDate ?? "",
        cell: ({ row }) => (row.original.endDate ? formatDate(row.original.endDate) : ""),
      },
    ],
    [ta, labels, formatDate],
  )

  // The table wants a mutable array; the decoded page is read-only.
  const rows = useMemo(() => [...data.items], [data.items])
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  })

  const municipalities = labels.institutions.filter((i) => i.kind === "municipality")

  return (
    <section>
      <div className="page-head">
        <h1>{ta.list.title}</h1>
        <div className="page-actions">
          <Link to="/beneficiaries/new" className="button">
            {ta.list.newBeneficiary}
          </Link>
          <Link to="/agreements/new" search={{}} className="button primary">
            {ta.list.newIntent}
          </Link>
        </div>
      </div>
      <fieldset className="filters">
        <legend>{ta.list.filters}</legend>
        <SelectField
          label={ta.list.municipality}
          value={filters.municipalityId ?? any}
          onChange={(v) => setFilter("municipalityId", v ?? "")}
          options={[
            { id: any, label: ta.list.any },
            ...municipalities.map((m) => ({ id: m.id, label: m.name })),
          ]}
        />
        <SelectField
          label={ta.list.state}
          value={filters.state ?? any}
          onChange={(v) => setFilter("state", v ?? "")}
          options={[
            { id: any, label: ta.list.any },
            ...AgreementState.literals.map((s) => ({ id: s, label: ta.state[s] })),
          ]}
        />
        <SelectField
          label={ta.list.procedure}
          value={filters.procedureId ?? any}
          onChange={(v) => setFilter("procedureId", v ?? "")}
          options={[
            { id: any, label: ta.list.any },
            ...labels.procedures.map((p) => ({ id: p.id, label: labels.procedure(p.id) })),
          ]}
        />
        {(filters.municipalityId || filters.state || filters.procedureId) && (
          <Link to="/agreements" search={{}} className="button">
            {ta.list.reset}
          </Link>
        )}
      </fieldset>
      {data.items.length === 0 ? (
        <p className="muted">{ta.list.none}</p>
      ) : (
        <table className="table" aria-label={ta.list.caption}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted()
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={ta.list.sortBy(String(header.column.columnDef.header))}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                        </span>
                      </button>
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-agreement={row.original.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.nextCursor && (
        <p>
          <Link to="/agreements" search={{ ...filters, cursor: data.nextCursor }} className="button">
            {t.app.next}
          </Link>
        </p>
      )}
    </section>
  )
}
