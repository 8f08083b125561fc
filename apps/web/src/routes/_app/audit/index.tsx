import { useInstantFormat } from "../../../components/Instant.js"
import type { AuditRecord } from "@coordina/domain"
import { useQuery, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import type { ColumnDef } from "@tanstack/react-table"
import { Schema } from "effect"
import { type FormEvent, useMemo, useState } from "react"
import { Button, Input, Label, TextField } from "react-aria-components"
import { auditQuery, usersQuery } from "../../../api/access.js"
import { useAllows } from "../../../auth/Can.js"
import { AuditChanges } from "../../../components/access/AuditChanges.js"
import { DataTable } from "../../../components/access/DataTable.js"
import { useI18n } from "../../../i18n/I18n.js"

const Filter = Schema.optional(Schema.String.pipe(Schema.maxLength(200)))

const AuditSearch = Schema.standardSchemaV1(
  Schema.Struct({ entity: Filter, actor: Filter, action: Filter, cursor: Filter }),
)

export const Route = createFileRoute("/_app/audit/")({
  validateSearch: AuditSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(auditQuery(deps)),
  component: AuditPage,
})

/** Only filled-in filters go into the address. */
const filled = (value: string) => (value.trim() === "" ? undefined : value.trim())

function AuditPage() {
  const { t } = useI18n()
  const search = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data } = useSuspenseQuery(auditQuery(search))
  const [entity, setEntity] = useState(search.entity ?? "")
  const [actor, setActor] = useState(search.actor ?? "")
  const [action, setAction] = useState(search.action ?? "")
  // The cursors of the pages before this one, to page back.
  const [earlier, setEarlier] = useState<ReadonlyArray<string | undefined>>([])
  const canSeeUsers = useAllows("users")
  const users = useQuery({ ...usersQuery(), enabled: canSeeUsers })
  const names = useMemo(
    () => new Map<string, string>((users.data?.items ?? []).map((u) => [u.id, u.displayName])),
    [users.data],
  )
  const instant = useInstantFormat()

  const filter = (event: FormEvent) => {
    event.preventDefault()
    setEarlier([])
    void navigate({ search: { entity: filled(entity), actor: filled(actor), action: filled(action) } })
  }
  const filterBy = (key: "entity" | "actor" | "action", value: string) => {
    if (key === "entity") setEntity(value)
    if (key === "actor") setActor(value)
    if (key === "action") setAction(value)
    setEarlier([])
    void navigate({ search: { ...search, cursor: undefined, [key]: value } })
  }

  const columns = useMemo<ReadonlyArray<ColumnDef<AuditRecord>>>(
    () => [
      {
        id: "at",
        header: t.access.audit.at,
        cell: ({ row }) => <time dateTime={row.original.at}>{instant(row.original.at)}</time>,
      },
      {
        id: "actor",
        header: t.access.audit.actor,
        cell: ({ row }) => (
          <Button
            className="link-button"
            aria-label={t.access.audit.filterByActor(names.get(row.original.actor) ?? row.original.actor)}
            onPress={() => filterBy("actor", row.original.actor)}
          >
            {names.get(row.original.actor) ?? row.original.actor}
          </Button>
        ),
      },
      {
        id: "action",
        header: t.access.audit.action,
        cell: ({ row }) => (
          <span title={row.original.action}>
            {t.product.audit.actions[row.original.action] ?? row.original.action}
          </span>
        ),
      },
      {
        id: "entity",
        header: t.access.audit.entity,
        cell: ({ row }) => (
          <Button
            className="link-button"
            aria-label={t.access.audit.filterByEntity(row.original.entity)}
            onPress={() => filterBy("entity", row.original.entity)}
          >
            {row.original.entity}
          </Button>
        ),
      },
      {
        id: "changes",
        header: t.access.audit.changes,
        cell: ({ row }) => <AuditChanges before={row.original.before} after={row.original.after} />,
      },
    ],
    // filterBy navigates from the current search, so the columns are rebuilt when it changes.
    [t, instant, names, search],
  )

  return (
    <section>
      <h1>{t.access.audit.title}</h1>
      <p className="muted">{t.access.audit.intro}</p>
      <form onSubmit={filter} className="filters" aria-label={t.access.audit.filters}>
        <TextField value={entity} onChange={setEntity}>
          <Label>{t.access.audit.entity}</Label>
          <Input placeholder="user:…" />
        </TextField>
        <TextField value={actor} onChange={setActor}>
          <Label>{t.access.audit.actor}</Label>
          <Input />
        </TextField>
        <TextField value={action} onChange={setAction}>
          <Label>{t.access.audit.action}</Label>
          <Input placeholder="create, update, erase…" />
        </TextField>
        <Button type="submit" className="button primary">
          {t.access.audit.apply}
        </Button>
        <Button
          className="button"
          onPress={() => {
            setEntity("")
            setActor("")
            setAction("")
            setEarlier([])
            void navigate({ search: {} })
          }}
        >
          {t.access.audit.clear}
        </Button>
      </form>
      {data.items.length === 0 ? (
        <p className="muted">{t.access.audit.empty}</p>
      ) : (
        <DataTable
          rows={data.items}
          columns={columns}
          caption={t.access.audit.title}
          rowId={(r) => r.id}
          testId="audit-table"
        />
      )}
      <nav className="pager" aria-label={t.access.audit.pages}>
        <Button
          className="button"
          isDisabled={earlier.length === 0}
          onPress={() => {
            const previous = earlier.at(-1)
            setEarlier(earlier.slice(0, -1))
            void navigate({ search: { ...search, cursor: previous } })
          }}
        >
          {t.app.previous}
        </Button>
        <Button
          className="button"
          isDisabled={!data.nextCursor}
          onPress={() => {
            setEarlier([...earlier, search.cursor])
            void navigate({ search: { ...search, cursor: data.nextCursor ?? undefined } })
          }}
        >
          {t.app.next}
        </Button>
      </nav>
    </section>
  )
}
