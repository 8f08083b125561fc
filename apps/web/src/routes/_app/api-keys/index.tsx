import { type ApiKey, keyUsable, todayIn } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { apiKeysQuery } from "../../../api/access.js"
import { useToday } from "../../../api/today.js"
import { CreateApiKeyDialog, RevokeApiKeyDialog } from "../../../components/access/ApiKeyDialogs.js"
import { type Column, DataTable, Page } from "@/ui/index.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/api-keys/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(apiKeysQuery()),
  component: ApiKeysPage,
})

function ApiKeysPage() {
  const { t, formatDate } = useI18n()
  const { data } = useSuspenseQuery(apiKeysQuery())
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const { zone, now } = useToday()
  const columns = useMemo<ReadonlyArray<Column<ApiKey>>>(() => {
    // The day of an instant in the configured zone, as every date of the UI.
    const day = (instant: string | undefined) =>
      instant ? formatDate(todayIn(zone, Date.parse(instant))) : "—"
    return [
      { id: "name", header: t.access.apiKeys.name, cell: ({ row }) => row.original.name },
      {
        id: "scopes",
        header: t.access.apiKeys.scopes,
        cell: ({ row }) => (
          <ul className="plain-list">
            {row.original.scopes.map((s) => (
              <li key={s}>
                <code>{s}</code>
              </li>
            ))}
          </ul>
        ),
      },
      { id: "created", header: t.access.apiKeys.created, cell: ({ row }) => day(row.original.createdAt) },
      {
        id: "expires",
        header: t.access.apiKeys.expiresColumn,
        cell: ({ row }) => day(row.original.expiresAt),
      },
      { id: "lastUsed", header: t.access.apiKeys.lastUsed, cell: ({ row }) => day(row.original.lastUsedAt) },
      {
        id: "status",
        header: t.access.users.status,
        cell: ({ row }) =>
          row.original.revokedAt ? (
            <span className="badge bad">{t.access.apiKeys.revoked}</span>
          ) : keyUsable(row.original, new Date(now)) ? (
            <span className="badge good">{t.access.users.active}</span>
          ) : (
            <span className="badge">{t.access.apiKeys.expired}</span>
          ),
      },
      {
        id: "actions",
        header: t.access.actions,
        cell: ({ row }) =>
          row.original.revokedAt ? null : (
            <Button
              className="button small danger"
              aria-label={t.access.apiKeys.revokeFor(row.original.name)}
              onPress={() => setRevoking(row.original)}
            >
              {t.access.apiKeys.revoke}
            </Button>
          ),
      },
    ]
  }, [t, formatDate, zone, now])
  return (
    <Page
      title={t.access.apiKeys.title}
      lead={t.access.apiKeys.intro}
      actions={
        <Button className="button primary" onPress={() => setCreating(true)}>
          {t.access.apiKeys.new}
        </Button>
      }
    >
      <DataTable
        id="api-keys-table"
        rows={data.items}
        columns={columns}
        caption={t.access.apiKeys.title}
        rowId={(k) => k.id}
        empty={t.app.none}
      />
      <CreateApiKeyDialog isOpen={creating} onOpenChange={setCreating} />
      {revoking && (
        <RevokeApiKeyDialog key={revoking.id} apiKey={revoking} onClose={() => setRevoking(null)} />
      )}
    </Page>
  )
}
