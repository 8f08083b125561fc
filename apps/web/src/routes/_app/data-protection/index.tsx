import { useMutation, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { type FormEvent, useState } from "react"
import { Button, Input, Label, Radio, RadioGroup, Text, TextField } from "react-aria-components"
import { type DataSubjectKind, retentionDryRun, retentionPolicyQuery } from "../../../api/access.js"
import { useAllows } from "../../../auth/Can.js"
import { PersonDataActions } from "../../../components/access/PersonDataActions.js"
import { ProblemAlert } from "../../../components/access/ProblemAlert.js"
import { useI18n } from "../../../i18n/I18n.js"

const DataProtectionSearch = Schema.standardSchemaV1(
  Schema.Struct({
    kind: Schema.optional(Schema.Literal("person", "beneficiary")),
    id: Schema.optional(Schema.String.pipe(Schema.maxLength(100))),
  }),
)

export const Route = createFileRoute("/_app/data-protection/")({
  validateSearch: DataProtectionSearch,
  loader: ({ context }) => context.queryClient.ensureQueryData(retentionPolicyQuery()),
  component: DataProtectionPage,
})

function DataProtectionPage() {
  const { t } = useI18n()
  const canUsePrivacy = useAllows("privacy", "read")
  return (
    <section>
      <h1>{t.access.retention.pageTitle}</h1>
      {canUsePrivacy && <SubjectLookup />}
      <RetentionPolicy />
    </section>
  )
}

/** Finds a person or beneficiary by id, to export or erase their data. */
function SubjectLookup() {
  const { t } = useI18n()
  const search = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const [kind, setKind] = useState<DataSubjectKind>(search.kind ?? "person")
  const [id, setId] = useState(search.id ?? "")
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void navigate({ search: { kind, id: id.trim() || undefined } })
  }
  return (
    <section aria-labelledby="subject-lookup">
      <h2 id="subject-lookup">{t.access.privacy.lookupTitle}</h2>
      <p className="muted">{t.access.privacy.lookupIntro}</p>
      <form onSubmit={submit} className="filters">
        <RadioGroup
          value={kind}
          onChange={(v) => setKind(v === "beneficiary" ? "beneficiary" : "person")}
          orientation="horizontal"
        >
          <Label>{t.access.privacy.kind}</Label>
          <div className="scope-options">
            <Radio value="person" className="radio">
              {t.access.privacy.kinds.person}
            </Radio>
            <Radio value="beneficiary" className="radio">
              {t.access.privacy.kinds.beneficiary}
            </Radio>
          </div>
        </RadioGroup>
        <TextField value={id} onChange={setId} isRequired>
          <Label>{t.access.privacy.id}</Label>
          <Input className="mono" />
        </TextField>
        <Button type="submit" className="button primary">
          {t.access.privacy.open}
        </Button>
      </form>
      {search.kind && search.id && (
        <PersonDataActions key={`${search.kind}:${search.id}`} kind={search.kind} id={search.id} />
      )}
    </section>
  )
}

/** The retention policy, and what it would erase or delete on a day (counts only). */
function RetentionPolicy() {
  const { t, formatDate, formatNumber } = useI18n()
  const { data } = useSuspenseQuery(retentionPolicyQuery())
  const [asOf, setAsOf] = useState("")
  const dryRun = useMutation({ mutationFn: retentionDryRun })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    dryRun.mutate(asOf || undefined)
  }
  return (
    <section aria-labelledby="retention-policy">
      <h2 id="retention-policy">{t.access.retention.title}</h2>
      <p className="muted">{t.access.retention.intro}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.access.retention.category}</th>
            <th scope="col">{t.access.retention.keepFor}</th>
            <th scope="col">{t.access.retention.countedFrom}</th>
            <th scope="col">{t.access.retention.action}</th>
            {dryRun.data && (
              <th scope="col" className="number">
                {t.access.retention.due}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {data.policy.map((rule) => (
            <tr key={rule.category}>
              <th scope="row">{t.access.retention.categories[rule.category]}</th>
              <td>{t.access.retention.period(rule.keepFor.count, rule.keepFor.unit)}</td>
              <td>{t.access.retention.countedFromText[rule.category]}</td>
              <td>{t.access.retention.actions[rule.action]}</td>
              {dryRun.data && (
                <td className="number" data-testid={`due-${rule.category}`}>
                  {formatNumber(dryRun.data.counts[rule.category] ?? 0)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t.access.retention.dryRunTitle}</h3>
      <form onSubmit={submit} className="filters">
        <TextField value={asOf} onChange={setAsOf} type="date">
          <Label>{t.access.retention.asOf}</Label>
          <Input />
          <Text slot="description">{t.access.retention.asOfHint}</Text>
        </TextField>
        <Button type="submit" className="button primary" isDisabled={dryRun.isPending}>
          {t.access.retention.dryRun}
        </Button>
      </form>
      {dryRun.data && <p role="status">{t.access.retention.dryRunDone(formatDate(dryRun.data.asOf))}</p>}
      <ProblemAlert error={dryRun.error ?? undefined} />
    </section>
  )
}
