import type { PersonView } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { useEffect, useMemo, useState } from "react"
import { Button } from "react-aria-components"
import { useInstitutionNames } from "@/api/institutions.js"
import { queryString } from "@/api/client.js"
import { peopleQuery } from "@/api/reach.js"
import { useI18n } from "@/i18n/I18n.js"
import {
  type Column,
  DataTable,
  Page,
  Problem,
  Section,
  Status,
  TextField,
  useCursorPaging,
} from "@/ui/index.js"
import { ExportButtons } from "@/ui/Export.js"
import { PersonForm } from "./-components/PersonForm.js"

const PeopleSearch = Schema.Struct({ q: Schema.optional(Schema.String) })
const pageSize = 50

export const Route = createFileRoute("/_app/people/")({
  validateSearch: Schema.standardSchemaV1(PeopleSearch),
  component: PeoplePage,
})

/** The value after it has stopped changing for `ms`, so a search is not sent per keystroke. */
const useSettled = <A,>(value: A, ms: number): A => {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

function PeoplePage() {
  const { t } = useI18n()
  const r = t.reach.people
  const { q } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const [text, setText] = useState(q ?? "")
  const settled = useSettled(text, 200)
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  useEffect(() => {
    if ((q ?? "") !== settled) void navigate({ search: settled ? { q: settled } : {}, replace: true })
  }, [settled, q, navigate])
  const paging = useCursorPaging(settled)
  const results = useQuery(peopleQuery(settled, pageSize, paging.cursor))
  const institutionName = useInstitutionNames(results.data?.items.map((p) => p.institutionId))
  const columns = useMemo<ReadonlyArray<Column<PersonView>>>(
    () => [
      {
        id: "name",
        header: r.name,
        cell: ({ row }) => (
          <Link to="/people/$personId" params={{ personId: row.original.id }}>
            {row.original.givenName} {row.original.familyName}
          </Link>
        ),
      },
      {
        id: "institution",
        header: r.institution,
        cell: ({ row }) => institutionName(row.original.institutionId),
      },
      { id: "email", header: r.email, cell: ({ row }) => row.original.email ?? "" },
      { id: "phone", header: r.phone, cell: ({ row }) => row.original.phone ?? "" },
    ],
    [r, institutionName],
  )
  return (
    <Page
      title={r.title}
      actions={
        <Button className="button primary" aria-expanded={creating} onPress={() => setCreating((c) => !c)}>
          {r.create}
        </Button>
      }
    >
      {creating && (
        <Section title={r.createTitle} id="new-person">
          <PersonForm
            onCreated={(p) => {
              setCreating(false)
              setCreated(r.created(`${p.givenName} ${p.familyName}`))
            }}
          />
        </Section>
      )}
      {created && <Status>{created}</Status>}
      {results.isError ? (
        <Problem error={results.error} />
      ) : (
        <DataTable
          id="people"
          caption={r.results}
          columns={columns}
          page={results.data}
          rowId={(p) => p.id}
          paging={paging}
          pageSize={pageSize}
          isFetching={results.isFetching}
          empty={r.noResults}
          toolbar={
            <>
              <search className="filters">
                <TextField
                  label={r.search}
                  value={text}
                  onChange={setText}
                  type="search"
                  description={r.searchHelp}
                />
              </search>
              <ExportButtons path={`/v1/people${queryString({ q: settled.trim() || undefined })}`} />
            </>
          }
        />
      )}
    </Page>
  )
}
