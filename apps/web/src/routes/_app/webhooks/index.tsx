import type { WebhookEndpoint } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { webhookEndpointsQuery } from "../../../api/webhooks.js"
import { useI18n } from "../../../i18n/I18n.js"
import { type Column, DataTable, InstantText, Page, Section } from "@/ui/index.js"
import { Deliveries } from "./-components/Deliveries.js"
import { CreateEndpointDialog, DeleteEndpointDialog } from "./-components/EndpointDialogs.js"

export const Route = createFileRoute("/_app/webhooks/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(webhookEndpointsQuery()),
  component: WebhooksPage,
})

function WebhooksPage() {
  const { t } = useI18n()
  const w = t.webhooks
  const { data } = useSuspenseQuery(webhookEndpointsQuery())
  const [creating, setCreating] = useState(false)
  const [removing, setRemoving] = useState<WebhookEndpoint | null>(null)
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set())
  const toggle = (id: string) =>
    setShown((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const columns = useMemo<ReadonlyArray<Column<WebhookEndpoint>>>(
    () => [
      {
        id: "url",
        header: w.url,
        cell: ({ row }) => (
          <>
            <code>{row.original.url}</code>
            {row.original.description && <div className="muted small">{row.original.description}</div>}
          </>
        ),
      },
      {
        id: "events",
        header: w.eventTypes,
        cell: ({ row }) => (
          <ul className="plain-list">
            {row.original.eventTypes.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        ),
      },
      { id: "created", header: w.created, cell: ({ row }) => <InstantText at={row.original.createdAt} /> },
      {
        id: "actions",
        header: w.actions,
        cell: ({ row }) => (
          <div className="form-actions">
            <Button
              className="button small"
              aria-expanded={shown.has(row.original.id)}
              onPress={() => toggle(row.original.id)}
            >
              {shown.has(row.original.id) ? w.hideDeliveries : w.showDeliveries}
            </Button>
            <Button
              className="button small danger"
              aria-label={w.removeFor(row.original.url)}
              onPress={() => setRemoving(row.original)}
            >
              {w.remove}
            </Button>
          </div>
        ),
      },
    ],
    [w, shown],
  )
  const open = data.items.filter((e) => shown.has(e.id))
  return (
    <Page
      title={w.title}
      lead={w.intro}
      actions={
        <Button className="button primary" onPress={() => setCreating(true)}>
          {w.new}
        </Button>
      }
    >
      <DataTable
        id="webhook-endpoints-table"
        rows={data.items}
        columns={columns}
        caption={w.title}
        rowId={(e) => e.id}
        empty={t.app.none}
      />
      {open.map((endpoint) => (
        <Section key={endpoint.id} id={`deliveries-${endpoint.id}`} title={w.deliveriesOf(endpoint.url)}>
          <Deliveries endpoint={endpoint} />
        </Section>
      ))}
      <CreateEndpointDialog isOpen={creating} onOpenChange={setCreating} />
      {removing && (
        <DeleteEndpointDialog key={removing.id} endpoint={removing} onClose={() => setRemoving(null)} />
      )}
    </Page>
  )
}
