import type { DuplicateGroupView } from "@coordina/domain"
import type { Person } from "@coordina/domain"
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { useState } from "react"
import { Button } from "react-aria-components"
import {
  afterReachChange,
  dismissDuplicate,
  duplicatesQuery,
  mergePerson,
  undoDuplicateDismissal,
  unmergePerson,
} from "../../../api/reach.js"
import { ProblemAlert } from "../../../components/reach/Fields.js"
import { useInstitutionNames } from "../../../api/institutions.js"
import { useI18n } from "../../../i18n/I18n.js"
import { ConfirmDialog } from "../../../ui/index.js"

export const Route = createFileRoute("/_app/people/duplicates")({
  loader: ({ context }) => context.queryClient.ensureQueryData(duplicatesQuery()),
  component: DuplicatesPage,
})

/** What was done on this page, newest first, each with its undo. */
type Done =
  | {
      readonly kind: "merge"
      readonly personId: string
      readonly label: string
      readonly into: string
      readonly undone: boolean
    }
  | {
      readonly kind: "dismissal"
      readonly pair: readonly [string, string]
      readonly labels: readonly [string, string]
      readonly undone: boolean
    }

const samePair = (a: readonly [string, string], b: readonly [string, string]) =>
  (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0])

function DuplicatesPage() {
  const { t } = useI18n()
  const r = t.reach.duplicates
  const { data } = useSuspenseQuery(duplicatesQuery())
  const queryClient = useQueryClient()
  const [done, setDone] = useState<ReadonlyArray<Done>>([])
  const [asked, setAsked] = useState<{ readonly from: Person; readonly into: Person } | undefined>()
  const institutionName = useInstitutionNames(data.items.flatMap((g) => g.people.map((p) => p.institutionId)))
  const label = (p: Person) => `${p.givenName} ${p.familyName} (${institutionName(p.institutionId)})`
  // A merge changes who is counted: people and every reach figure.
  const refresh = () => afterReachChange(queryClient)
  const merge = useMutation({
    mutationFn: ({ from, into }: { from: Person; into: Person }) => mergePerson(from.id, into.id),
    onSuccess: async (_, { from, into }) => {
      setDone((d) => [
        { kind: "merge", personId: from.id, label: label(from), into: label(into), undone: false },
        ...d,
      ])
      await refresh()
    },
  })
  const undo = useMutation({
    mutationFn: (personId: string) => unmergePerson(personId),
    onSuccess: async (_, personId) => {
      setDone((d) =>
        d.map((x) => (x.kind === "merge" && x.personId === personId ? { ...x, undone: true } : x)),
      )
      await refresh()
    },
  })
  const dismiss = useMutation({
    mutationFn: ({ a, b }: { a: Person; b: Person }) => dismissDuplicate([a.id, b.id]),
    onSuccess: async (_, { a, b }) => {
      setDone((d) => [
        { kind: "dismissal", pair: [a.id, b.id], labels: [label(a), label(b)], undone: false },
        ...d,
      ])
      await queryClient.invalidateQueries({ queryKey: duplicatesQuery().queryKey })
    },
  })
  const undismiss = useMutation({
    mutationFn: (pair: readonly [string, string]) => undoDuplicateDismissal(pair),
    onSuccess: async (_, pair) => {
      setDone((d) =>
        d.map((x) => (x.kind === "dismissal" && samePair(x.pair, pair) ? { ...x, undone: true } : x)),
      )
      await queryClient.invalidateQueries({ queryKey: duplicatesQuery().queryKey })
    },
  })
  const busy = merge.isPending || dismiss.isPending || undismiss.isPending
  return (
    <section>
      <h1>{r.title}</h1>
      <p className="muted">{r.intro}</p>
      <div role="status" className="merge-log">
        {done.map((m) =>
          m.kind === "merge" ? (
            <p key={`m-${m.personId}`} className="status">
              {m.undone ? r.undone(m.label) : r.merged(m.label, m.into)}{" "}
              {!m.undone && (
                <Button
                  className="button"
                  onPress={() => undo.mutate(m.personId)}
                  isDisabled={undo.isPending}
                >
                  {r.undo}
                </Button>
              )}
            </p>
          ) : (
            <p key={`d-${m.pair.join("|")}`} className="status">
              {m.undone ? r.dismissalUndone(...m.labels) : r.dismissed(...m.labels)}{" "}
              {!m.undone && (
                <Button className="button" onPress={() => undismiss.mutate(m.pair)} isDisabled={busy}>
                  {r.undo}
                </Button>
              )}
            </p>
          ),
        )}
      </div>
      {undo.isError && <ProblemAlert error={undo.error} />}
      {dismiss.isError && <ProblemAlert error={dismiss.error} />}
      {undismiss.isError && <ProblemAlert error={undismiss.error} />}
      {data.items.length === 0 ? (
        <p className="muted">{r.none}</p>
      ) : (
        data.items.map((group) => (
          <DuplicateGroup
            key={group.nameKey}
            group={group}
            label={label}
            busy={busy}
            onMerge={(from, into) => setAsked({ from, into })}
            onDismiss={(a, b) => dismiss.mutate({ a, b })}
            onUndoDismissal={(pair) => undismiss.mutate(pair)}
          />
        ))
      )}
      <ConfirmDialog
        title={r.confirmMergeTitle}
        consequence={asked ? <p>{r.confirmMerge(label(asked.from), label(asked.into))}</p> : null}
        confirmLabel={r.confirmMergeButton}
        isOpen={asked !== undefined}
        onOpenChange={(open) => {
          if (!open) setAsked(undefined)
        }}
        onConfirm={() => (asked ? merge.mutateAsync(asked) : undefined)}
      />
    </section>
  )
}

function DuplicateGroup(props: {
  readonly group: DuplicateGroupView
  readonly label: (p: Person) => string
  readonly busy: boolean
  readonly onMerge: (from: Person, into: Person) => void
  readonly onDismiss: (a: Person, b: Person) => void
  readonly onUndoDismissal: (pair: readonly [string, string]) => void
}) {
  const { t } = useI18n()
  const r = t.reach.duplicates
  const p = t.reach.people
  const people = props.group.people
  const institutionName = useInstitutionNames(people.map((x) => x.institutionId))
  const first = people[0]
  const title = first ? `${first.givenName} ${first.familyName}` : props.group.nameKey
  const pairs = people.flatMap((_, i) => people.slice(i + 1).map((__, k) => [i, i + 1 + k] as const))
  // Dismissing needs the same right as merging; a record offering a merge says the caller has it.
  const writer = people.some((x) => x.allowedActions.includes("merge"))
  const headingId = `dup-${props.group.nameKey.replace(/\W+/g, "-")}`
  const rows: ReadonlyArray<readonly [string, (x: Person) => string]> = [
    [r.id, (x) => x.id],
    [p.givenName, (x) => x.givenName],
    [p.familyName, (x) => x.familyName],
    [p.institution, (x) => institutionName(x.institutionId)],
    [p.email, (x) => x.email ?? ""],
    [p.phone, (x) => x.phone ?? ""],
    [p.gender, (x) => (x.gender ? t.reach.gender[x.gender] : "")],
  ]
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{r.group(title)}</h2>
      <div className="table-scroll">
        <table className="table compare">
          <thead>
            <tr>
              <th scope="col">{r.field}</th>
              {people.map((x, i) => (
                <th scope="col" key={x.id}>
                  <Link to="/people/$personId" params={{ personId: x.id }}>
                    {r.record(i + 1)}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value]) => {
              const differs = new Set(people.map(value)).size > 1
              return (
                <tr key={name} className={differs ? "reach-differs" : undefined}>
                  <th scope="row">{name}</th>
                  {people.map((x) => (
                    <td key={x.id}>{value(x)}</td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {pairs.map(([i, j]) => {
        const a = people[i]!
        const b = people[j]!
        const dismissed = props.group.dismissedPairs.find((pair) => samePair(pair, [a.id, b.id]))
        if (dismissed)
          return (
            <div key={`${a.id}|${b.id}`} className="form-actions wrap">
              <span className="muted">{r.dismissedPair(i + 1, j + 1)}</span>
              {writer && (
                <Button
                  className="button"
                  isDisabled={props.busy}
                  onPress={() => props.onUndoDismissal(dismissed)}
                >
                  {r.undo}
                </Button>
              )}
            </div>
          )
        // The API says which records the caller may merge; only those are offered.
        const merges = (
          [
            [a, b],
            [b, a],
          ] as const
        ).filter(([from]) => from.allowedActions.includes("merge"))
        if (merges.length === 0) return null
        return (
          <fieldset key={`${a.id}|${b.id}`} className="form-actions wrap">
            <legend>{r.pair(i + 1, j + 1)}</legend>
            {merges.map(([from, into]) => (
              <Button
                key={`${from.id}>${into.id}`}
                className="button"
                isDisabled={props.busy}
                onPress={() => props.onMerge(from, into)}
              >
                {r.mergeInto(props.label(from), props.label(into))}
              </Button>
            ))}
            <Button
              className="button"
              aria-label={r.notSameLabel(props.label(a), props.label(b))}
              isDisabled={props.busy}
              onPress={() => props.onDismiss(a, b)}
            >
              {r.notSame}
            </Button>
          </fieldset>
        )
      })}
    </section>
  )
}
