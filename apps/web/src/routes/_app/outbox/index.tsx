import { type OutboxMessage, OutboxStatus, outboxStatuses } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useMemo } from "react"
import { outboxQuery } from "../../../api/webhooks.js"
import { useI18n } from "../../../i18n/I18n.js"
import { type Column, DataTable, InstantText, Page, Select } from "@/ui/index.js"
import { statusClass } from "../webhooks/-components/Deliveries.js"

const isStatus = Schema.is(OutboxStatus)

const OutboxSearch = Schema.standardSchemaV1(Schema.Struct({ status: Schema.optional(OutboxStatus) }))

export const Route = createFileRoute("/_app/outbox/")({
  validateSearch: OutboxSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(outboxQuery(deps.status)),
  component: OutboxPage,
})

function OutboxPage() {
  const { t } = useI18n()
  const w = t.webhooks
  const { status } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data } = useSuspenseQuery(outboxQuery(status))
  const columns = useMemo<ReadonlyArray<Column<OutboxMessage>>>(
    () => [
      { id: "id", header: w.deliveryId, cell: ({ row }) => <code>{row.original.id}</code> },
      { id: "channel", header: w.outbox.channel, cell: ({ row }) => w.outbox.channels[row.original.channel] },
      { id: "kind", header: w.outbox.kind, cell: ({ row }) => <code>{row.original.eventType}</code> },
      {
        id: "status",
        header: w.status,
        cell: ({ row }) => (
          <span className={statusClass(row.original.status)}>{w.statuses[row.original.status]}</span>
        ),
      },
      { id: "attempts", header: w.attempts, cell: ({ row }) => row.original.attempts },
      {
        id: "lastStatus",
        header: w.lastStatus,
        cell: ({ row }) => row.original.lastStatus ?? row.original.lastError ?? "—",
      },
      {
        id: "createdAt",
        header: w.outbox.createdAt,
        cell: ({ row }) => <InstantText at={row.original.createdAt} />,
      },
      {
        id: "deliveredAt",
        header: w.outbox.deliveredAt,
        cell: ({ row }) => (row.original.deliveredAt ? <InstantText at={row.original.deliveredAt} /> : "—"),
      },
    ],
    [w],
  )
  return (
    <Page title={w.outbox.title} lead={w.outbox.intro}>
      <Select
        label={w.outbox.filter}
        value={status}
        emptyLabel={w.outbox.all}
        options={outboxStatuses.map((s) => ({ id: s, label: w.statuses[s] }))}
        onChange={(v) =>
          void navigate({
            search: { status: isStatus(v) ? v : undefined },
          })
        }
      />
      <DataTable
        id="outbox-table"
        rows={data.items}
        columns={columns}
        caption={w.outbox.title}
        rowId={(m) => m.id}
        empty={t.app.none}
      />
    </Page>
  )
}
