import type { BeneficiaryListItem } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useMemo } from "react"
import { beneficiariesQuery } from "@/api/search.js"
import { useI18n } from "@/i18n/I18n.js"
import { type Column, DataTable, DateText, Page, TextField, useCursorPaging } from "@/ui/index.js"

export const Route = createFileRoute("/_app/beneficiaries/")({
  validateSearch: Schema.standardSchemaV1(Schema.Struct({ q: Schema.optional(Schema.String) })),
  component: BeneficiariesPage,
})

function BeneficiariesPage() {
  const { t } = useI18n()
  const tb = t.product.beneficiaries
  const { q = "" } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const paging = useCursorPaging(q)
  const list = useQuery(beneficiariesQuery(q.trim() || undefined, paging.cursor))
  const columns = useMemo(
    (): ReadonlyArray<Column<BeneficiaryListItem>> => [
      {
        id: "pseudonym",
        header: tb.pseudonym,
        cell: ({ row }) => (
          <Link to="/beneficiaries/$beneficiaryId" params={{ beneficiaryId: row.original.id }}>
            {row.original.pseudonym}
          </Link>
        ),
      },
      {
        id: "name",
        header: tb.name,
        cell: ({ row }) =>
          row.original.personal
            ? `${row.original.personal.givenName} ${row.original.personal.familyName}`
            : "—",
      },
      {
        id: "status",
        header: tb.status,
        cell: ({ row }) => t.agreements.statusKind[row.original.statusKind],
      },
      {
        id: "decided",
        header: tb.decided,
        cell: ({ row }) => <DateText date={row.original.statusDecisionDate} />,
      },
      {
        id: "actions",
        header: tb.actions,
        cell: ({ row }) =>
          row.original.allowedActions.includes("declare_intent") ? (
            <Link to="/agreements/new" search={{ beneficiaryId: row.original.id }} className="button">
              {tb.declareIntent}
            </Link>
          ) : null,
      },
    ],
    [t, tb],
  )
  return (
    <Page
      title={tb.title}
      lead={tb.intro}
      actions={
        <Link to="/beneficiaries/new" className="button primary">
          {tb.register}
        </Link>
      }
    >
      <div className="filters">
        <TextField
          label={tb.search}
          type="search"
          value={q}
          onChange={(value) => void navigate({ search: value ? { q: value } : {}, replace: true })}
        />
      </div>
      <DataTable
        id="beneficiaries"
        caption={tb.title}
        columns={columns}
        page={list.data}
        rowId={(b) => b.id}
        paging={paging}
        isFetching={list.isFetching}
        empty={<p className="muted">{tb.none}</p>}
      />
    </Page>
  )
}
