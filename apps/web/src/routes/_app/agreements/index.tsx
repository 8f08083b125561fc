import type { AgreementListItem } from "@coordina/domain"
import { AgreementState } from "@coordina/domain"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useMemo } from "react"
import { agreementsQuery } from "@/api/agreements.js"
import { SelectField } from "@/components/Fields.js"
import { StateBadge, useLabels } from "@/components/agreements/Shared.js"
import { useI18n } from "@/i18n/I18n.js"
import { type Column, DataTable, Page, TextField, useCursorPaging } from "@/ui/index.js"

const CaseListSearch = Schema.Struct({
  q: Schema.optional(Schema.String),
  municipalityId: Schema.optional(Schema.String),
  state: Schema.optional(AgreementState),
  procedureId: Schema.optional(Schema.String),
})

/** The API's filters from the URL's: a blank search is no search. */
const filtersOf = ({ q, ...rest }: typeof CaseListSearch.Type) => ({
  ...rest,
  ...(q?.trim() ? { q: q.trim() } : {}),
})

export const Route = createFileRoute("/_app/agreements/")({
  validateSearch: Schema.standardSchemaV1(CaseListSearch),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(agreementsQuery(filtersOf(deps))),
  component: CaseList,
})

const any = "__any"

function CaseList() {
  const { t, formatDate } = useI18n()
  const ta = t.agreements
  const search = Route.useSearch()
  const filters = filtersOf(search)
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  const paging = useCursorPaging(JSON.stringify(filters))
  const list = useQuery({ ...agreementsQuery(filters, paging.cursor), placeholderData: keepPreviousData })

  const setFilter = (key: "q" | "municipalityId" | "state" | "procedureId", value: string) =>
    void navigate({
      search: (prev) => ({ ...prev, [key]: value === any || value === "" ? undefined : value }),
      replace: key === "q",
    })

  const columns = useMemo(
    (): ReadonlyArray<Column<AgreementListItem>> => [
      // The pseudonym first: it is what a case worker looks for; the id only opens the case.
      {
        id: "beneficiary",
        header: ta.list.beneficiary,
        cell: ({ row }) => (
          <Link
            className="pseudonym"
            to="/beneficiaries/$beneficiaryId"
            params={{ beneficiaryId: row.original.beneficiaryId }}
          >
            {row.original.beneficiaryPseudonym}
          </Link>
        ),
      },
      {
        id: "id",
        header: ta.list.agreement,
        cell: ({ row }) => (
          <Link to="/agreements/$agreementId" params={{ agreementId: row.original.id }}>
            {row.original.id}
          </Link>
        ),
      },
      {
        id: "state",
        header: ta.list.state,
        cell: ({ row }) => <StateBadge state={row.original.state} />,
      },
      {
        id: "procedure",
        header: ta.list.procedure,
        cell: ({ row }) => labels.procedure(row.original.procedureId),
      },
      {
        id: "municipality",
        header: ta.list.municipality,
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
        cell: ({ row }) => (row.original.endDate ? formatDate(row.original.endDate) : ""),
      },
    ],
    [ta, labels, formatDate],
  )

  const municipalities = labels.institutions.filter((i) => i.kind === "municipality")

  return (
    <Page
      title={ta.list.title}
      actions={
        <>
          <Link to="/beneficiaries/new" className="button">
            {ta.list.newBeneficiary}
          </Link>
          <Link to="/agreements/new" search={{}} className="button primary">
            {ta.list.newIntent}
          </Link>
        </>
      }
    >
      <fieldset className="filters">
        <legend>{ta.list.filters}</legend>
        <TextField
          label={ta.list.search}
          type="search"
          value={search.q ?? ""}
          onChange={(v) => setFilter("q", v)}
        />
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
        {(search.q || filters.municipalityId || filters.state || filters.procedureId) && (
          <Link to="/agreements" search={{}} className="button">
            {ta.list.reset}
          </Link>
        )}
      </fieldset>
      <DataTable
        id="agreements"
        caption={ta.list.caption}
        columns={columns}
        page={list.data}
        rowId={(a) => a.id}
        paging={paging}
        pageSize={100}
        isFetching={list.isFetching}
        empty={<p className="muted">{ta.list.none}</p>}
      />
    </Page>
  )
}
