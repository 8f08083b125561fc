import type { User } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { usersQuery } from "../../../api/access.js"
import { type Column, DataTable, Page } from "@/ui/index.js"
import { RolesSummary } from "../../../components/access/RolesEditor.js"
import {
  CreateUserDialog,
  EditUserDialog,
  ResetPasswordDialog,
} from "../../../components/access/UserDialogs.js"
import { useI18n } from "../../../i18n/I18n.js"

export const Route = createFileRoute("/_app/users/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(usersQuery()),
  component: UsersPage,
})

type Open = { readonly kind: "edit" | "password"; readonly user: User } | null

function UsersPage() {
  const { t } = useI18n()
  const { data } = useSuspenseQuery(usersQuery())
  const [creating, setCreating] = useState(false)
  const [open, setOpen] = useState<Open>(null)
  const columns = useMemo<ReadonlyArray<Column<User>>>(
    () => [
      { id: "displayName", header: t.access.users.displayName, cell: ({ row }) => row.original.displayName },
      { id: "email", header: t.access.users.email, cell: ({ row }) => row.original.email },
      {
        id: "roles",
        header: t.access.users.roles,
        cell: ({ row }) => <RolesSummary grants={row.original.roles} />,
      },
      {
        id: "status",
        header: t.access.users.status,
        cell: ({ row }) =>
          row.original.disabled ? (
            <span className="badge bad">{t.access.users.disabled}</span>
          ) : (
            <span className="badge good">{t.access.users.active}</span>
          ),
      },
      {
        id: "actions",
        header: t.access.actions,
        cell: ({ row }) => (
          <div className="row-actions">
            <Button
              className="button small"
              aria-label={t.access.users.editFor(row.original.email)}
              onPress={() => setOpen({ kind: "edit", user: row.original })}
            >
              {t.access.users.edit}
            </Button>
            <Button
              className="button small"
              aria-label={t.access.users.resetFor(row.original.email)}
              onPress={() => setOpen({ kind: "password", user: row.original })}
            >
              {t.access.users.reset}
            </Button>
          </div>
        ),
      },
    ],
    [t],
  )
  return (
    <Page
      title={t.access.users.title}
      lead={t.access.users.intro}
      actions={
        <Button className="button primary" onPress={() => setCreating(true)}>
          {t.access.users.new}
        </Button>
      }
    >
      <DataTable
        id="users-table"
        rows={data.items}
        columns={columns}
        caption={t.access.users.title}
        rowId={(u) => u.id}
        empty={t.app.none}
      />
      <CreateUserDialog isOpen={creating} onOpenChange={setCreating} />
      {open?.kind === "edit" && (
        <EditUserDialog key={open.user.id} user={open.user} onClose={() => setOpen(null)} />
      )}
      {open?.kind === "password" && (
        <ResetPasswordDialog key={open.user.id} user={open.user} onClose={() => setOpen(null)} />
      )}
    </Page>
  )
}
