import type { OutboxStatus, WebhookDelivery, WebhookEndpoint } from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useMemo } from "react"
import { Button } from "react-aria-components"
import {
  outboxKeys,
  retryWebhookDelivery,
  webhookDeliveriesQuery,
  webhookKeys,
} from "../../../../api/webhooks.js"
import { ProblemAlert } from "../../../../components/access/ProblemAlert.js"
import { useI18n } from "../../../../i18n/I18n.js"
import { type Column, DataTable, InstantText } from "@/ui/index.js"

/** The badge class of an outbox status: delivered is good, failed is bad, the rest neutral. */
export const statusClass = (status: OutboxStatus) =>
  status === "delivered" ? "badge good" : status === "failed" ? "badge bad" : "badge"

/** One endpoint's latest deliveries, each with a "send again" button. */
export const Deliveries = ({ endpoint }: { endpoint: WebhookEndpoint }) => {
  const { t } = useI18n()
  const w = t.webhooks
  const queryClient = useQueryClient()
  const { data, error, isPending } = useQuery(webhookDeliveriesQuery(endpoint.id))
  const retry = useMutation({
    mutationFn: retryWebhookDelivery,
    onSuccess: () => Promise.all([webhookKeys.invalidate(queryClient), outboxKeys.invalidate(queryClient)]),
  })
  const columns = useMemo<ReadonlyArray<Column<WebhookDelivery>>>(
    () => [
      { id: "id", header: w.deliveryId, cell: ({ row }) => <code>{row.original.id}</code> },
      { id: "event", header: w.event, cell: ({ row }) => <code>{row.original.eventType}</code> },
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
        id: "next",
        header: w.nextAttempt,
        cell: ({ row }) =>
          row.original.nextAttemptAt ? <InstantText at={row.original.nextAttemptAt} /> : "—",
      },
      {
        id: "actions",
        header: w.actions,
        cell: ({ row }) =>
          row.original.status === "delivered" ? null : (
            <Button
              className="button small"
              aria-label={w.sendAgainFor(row.original.id)}
              isDisabled={retry.isPending}
              onPress={() => retry.mutate(row.original.id)}
            >
              {w.sendAgain}
            </Button>
          ),
      },
    ],
    [w, retry.isPending, retry.mutate],
  )
  if (isPending) return <p className="muted">{t.app.loading}</p>
  if (error) return <ProblemAlert error={error} />
  return (
    <>
      <DataTable
        id={`deliveries-table-${endpoint.id}`}
        rows={data.items}
        columns={columns}
        caption={w.deliveriesOf(endpoint.url)}
        rowId={(d) => d.id}
        empty={t.app.none}
      />
      <ProblemAlert error={retry.error ?? undefined} />
      <p role="status" className="muted">
        {retry.isSuccess ? w.sent : ""}
      </p>
    </>
  )
}
