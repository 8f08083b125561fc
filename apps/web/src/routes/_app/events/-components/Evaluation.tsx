/**
 * The event's evaluation on the event page: the questionnaire builder, the participants' links,
 * paper forms, and the results with a bar chart per question (the figures also as a table).
 */
import type {
  EvaluationResults,
  Question,
  Questionnaire,
  QuestionKind,
  QuestionResult,
} from "@coordina/domain"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import {
  afterEvaluationChange,
  enterPaper,
  issueLinks,
  questionnaireQuery,
  resultsQuery,
  saveQuestionnaire,
} from "../../../../api/evaluations.js"
import { peopleByIdsQuery } from "../../../../api/reach.js"
import { AnswerForm } from "../../../../components/evaluation/AnswerForm.js"
import { localized } from "../../../../components/evaluation/localized.js"
import { useI18n } from "../../../../i18n/I18n.js"
import {
  CheckboxField,
  MultiSelect,
  Problem,
  Select,
  Status,
  TextAreaField,
  TextField,
} from "../../../../ui/index.js"

interface Draft {
  readonly kind: QuestionKind
  readonly bg: string
  readonly en: string
  readonly optionsBg: string
  readonly optionsEn: string
}

const emptyDraft: Draft = { kind: "scale", bg: "", en: "", optionsBg: "", optionsEn: "" }

/** The lines of a text, without the empty ones at its end. */
const lines = (s: string) => {
  const all = s.split("\n").map((l) => l.trim())
  while (all.length > 0 && all.at(-1) === "") all.pop()
  return all
}

const draftOf = (q: Question): Draft => ({
  kind: q.kind,
  bg: q.text.bg ?? "",
  en: q.text.en ?? "",
  optionsBg: (q.options ?? []).map((o) => o.text.bg ?? "").join("\n"),
  optionsEn: (q.options ?? []).map((o) => o.text.en ?? "").join("\n"),
})

const textOf = (bg: string, en: string) => ({
  ...(bg.trim() ? { bg: bg.trim() } : {}),
  ...(en.trim() ? { en: en.trim() } : {}),
})

/** The questions as the API takes them; ids by position, so a saved questionnaire keeps its ids. */
const questionsOf = (drafts: ReadonlyArray<Draft>, before: ReadonlyArray<Question>) =>
  drafts.map((d, i) => {
    const id = before[i]?.kind === d.kind ? before[i]!.id : `q${i + 1}`
    if (d.kind !== "single" && d.kind !== "multiple") return { id, kind: d.kind, text: textOf(d.bg, d.en) }
    const bg = lines(d.optionsBg)
    const en = lines(d.optionsEn)
    const count = Math.max(bg.length, en.length)
    const options = Array.from({ length: count }, (_, j) => ({
      id: `o${j + 1}`,
      text: textOf(bg[j] ?? "", en[j] ?? ""),
    }))
    return { id, kind: d.kind, text: textOf(d.bg, d.en), options }
  })

/** A datetime-local value (the browser's zone) from an instant, and back. */
const localInput = (iso: string) => {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export const EventEvaluation = ({
  eventId,
  endDate,
}: {
  readonly eventId: string
  readonly endDate: string
}) => {
  const { t } = useI18n()
  const questionnaire = useQuery(questionnaireQuery(eventId))
  if (questionnaire.isPending) return <p className="muted">{t.app.loading}</p>
  if (questionnaire.isError) return <Problem error={questionnaire.error} />
  const current = questionnaire.data
  return (
    <section aria-labelledby="evaluation" className="panel">
      <h2 id="evaluation">{t.evaluations.title}</h2>
      {/* Not remounted when the saved questionnaire comes back, so the "saved" status stays. */}
      <Builder eventId={eventId} endDate={endDate} current={current} />
      {current ? (
        <>
          <Links eventId={eventId} />
          <Paper eventId={eventId} questionnaire={current} />
          <Results eventId={eventId} questionnaire={current} />
        </>
      ) : (
        <p className="muted">{t.evaluations.none}</p>
      )}
    </section>
  )
}

function Builder(props: {
  readonly eventId: string
  readonly endDate: string
  readonly current: Questionnaire | null
}) {
  const { t } = useI18n()
  const e = t.evaluations
  const queryClient = useQueryClient()
  const before = props.current?.questions ?? []
  const [drafts, setDrafts] = useState<ReadonlyArray<Draft>>(
    before.length ? before.map(draftOf) : [emptyDraft],
  )
  const [closesAt, setClosesAt] = useState(
    props.current ? localInput(props.current.closesAt) : `${props.endDate}T23:59`,
  )
  const [anonymous, setAnonymous] = useState(props.current?.anonymous ?? true)
  const initialUseful = props.current?.usefulness
  const [usefulIndex, setUsefulIndex] = useState<string | undefined>(
    initialUseful ? String(before.findIndex((q) => q.id === initialUseful.questionId)) : undefined,
  )
  const [usefulPoints, setUsefulPoints] = useState<ReadonlyArray<string>>(
    initialUseful ? initialUseful.counts.map(String) : ["4", "5"],
  )
  const mutation = useMutation({
    mutationFn: () => {
      const questions = questionsOf(drafts, before)
      const useful = usefulIndex === undefined ? undefined : questions[Number(usefulIndex)]
      return saveQuestionnaire(props.eventId, {
        questions,
        closesAt: new Date(closesAt).toISOString(),
        anonymous,
        ...(useful ? { usefulness: { questionId: useful.id, counts: usefulPoints.map(Number) } } : {}),
      })
    },
    onSuccess: () => afterEvaluationChange(queryClient),
  })
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  const kinds = (["scale", "single", "multiple", "text"] as const).map((k) => ({ id: k, label: e.kinds[k] }))
  const scaleQuestions = drafts.flatMap((d, i) =>
    d.kind === "scale" ? [{ id: String(i), label: `${e.question(i + 1)}: ${d.bg || d.en}` }] : [],
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  return (
    <Form onSubmit={submit} aria-label={e.builder} className="evaluation-builder">
      <h3>{e.builder}</h3>
      {drafts.map((d, i) => (
        <fieldset key={i} className="question-draft" data-testid={`question-${i + 1}`}>
          <legend>{e.question(i + 1)}</legend>
          <Select
            label={e.kind}
            value={d.kind}
            onChange={(v) => update(i, { kind: (v ?? "scale") as QuestionKind })}
            options={kinds}
          />
          <TextField label={e.textBg} value={d.bg} onChange={(v) => update(i, { bg: v })} />
          <TextField label={e.textEn} value={d.en} onChange={(v) => update(i, { en: v })} />
          {(d.kind === "single" || d.kind === "multiple") && (
            <>
              <TextAreaField
                label={e.optionsBg}
                value={d.optionsBg}
                rows={3}
                onChange={(v) => update(i, { optionsBg: v })}
              />
              <TextAreaField
                label={e.optionsEn}
                value={d.optionsEn}
                rows={3}
                onChange={(v) => update(i, { optionsEn: v })}
              />
            </>
          )}
          {drafts.length > 1 && (
            <Button className="button" onPress={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
              {e.removeQuestion}
            </Button>
          )}
        </fieldset>
      ))}
      <Button className="button" onPress={() => setDrafts((all) => [...all, emptyDraft])}>
        {e.addQuestion}
      </Button>
      <label className="field">
        <span>{e.closesAt}</span>
        <input
          type="datetime-local"
          value={closesAt}
          onChange={(ev) => setClosesAt(ev.target.value)}
          required
        />
      </label>
      <CheckboxField label={e.anonymous} value={anonymous} onChange={setAnonymous} />
      <Select
        label={e.usefulQuestion}
        value={usefulIndex}
        onChange={setUsefulIndex}
        options={scaleQuestions}
        emptyLabel={e.noUsefulQuestion}
      />
      {usefulIndex !== undefined && (
        <MultiSelect
          label={e.usefulPoints}
          value={usefulPoints}
          onChange={setUsefulPoints}
          options={["1", "2", "3", "4", "5"].map((n) => ({ id: n, label: n }))}
        />
      )}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {e.save}
        </Button>
      </div>
      {mutation.isError && <Problem error={mutation.error} />}
      {mutation.isSuccess && <Status>{e.saved}</Status>}
    </Form>
  )
}

function Links({ eventId }: { readonly eventId: string }) {
  const { t } = useI18n()
  const e = t.evaluations
  const mutation = useMutation({ mutationFn: () => issueLinks(eventId) })
  const items = mutation.data?.items ?? []
  const people = useQuery({ ...peopleByIdsQuery(items.map((i) => i.personId)), enabled: items.length > 0 })
  const nameOf = (id: string) => {
    const p = people.data?.find((person) => person.id === id)
    return p ? `${p.givenName} ${p.familyName}` : id
  }
  return (
    <section aria-labelledby="evaluation-links">
      <h3 id="evaluation-links">{e.links}</h3>
      <p className="muted">{e.linksNote}</p>
      <Button className="button" onPress={() => mutation.mutate()} isDisabled={mutation.isPending}>
        {e.issueLinks}
      </Button>
      {mutation.isError && <Problem error={mutation.error} />}
      {mutation.isSuccess &&
        (items.length === 0 ? (
          <p className="muted">{e.noLinks}</p>
        ) : (
          <table className="table" data-testid="evaluation-links">
            <thead>
              <tr>
                <th scope="col">{e.person}</th>
                <th scope="col">{e.link}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const url = `${window.location.origin}/evaluate/${i.token}`
                return (
                  <tr key={i.personId}>
                    <td>{nameOf(i.personId)}</td>
                    <td>
                      <a href={url}>{url}</a>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        ))}
    </section>
  )
}

function Paper(props: { readonly eventId: string; readonly questionnaire: Questionnaire }) {
  const { t } = useI18n()
  const e = t.evaluations
  const queryClient = useQueryClient()
  const [round, setRound] = useState(0)
  const mutation = useMutation({
    mutationFn: (answers: Parameters<typeof enterPaper>[1]) => enterPaper(props.eventId, answers),
    onSuccess: async () => {
      setRound((n) => n + 1)
      await afterEvaluationChange(queryClient)
    },
  })
  return (
    <details className="evaluation-paper">
      <summary>{e.paper}</summary>
      <AnswerForm
        key={round}
        questions={props.questionnaire.questions}
        submitLabel={e.paper}
        isDisabled={mutation.isPending}
        onSubmit={(answers) => mutation.mutate(answers)}
      />
      {mutation.isError && <Problem error={mutation.error} />}
      {mutation.isSuccess && <Status>{e.paperSaved}</Status>}
    </details>
  )
}

function Results(props: { readonly eventId: string; readonly questionnaire: Questionnaire }) {
  const { t, formatNumber } = useI18n()
  const e = t.evaluations
  const results = useQuery(resultsQuery(props.eventId))
  if (results.isPending) return <p className="muted">{t.app.loading}</p>
  if (results.isError) return <Problem error={results.error} />
  const data: EvaluationResults = results.data
  return (
    <section aria-labelledby="evaluation-results" data-testid="evaluation-results">
      <h3 id="evaluation-results">{e.results}</h3>
      <p>{e.respondents(formatNumber(data.respondents))}</p>
      {data.usefulShare !== undefined && (
        <p data-testid="useful-share">
          <strong>
            {e.usefulShare(formatNumber(data.usefulShare, { style: "percent", maximumFractionDigits: 0 }))}
          </strong>
        </p>
      )}
      {data.questions.map((r) => {
        const q = props.questionnaire.questions.find((x) => x.id === r.id)
        return q ? <QuestionChart key={r.id} question={q} result={r} /> : null
      })}
    </section>
  )
}

function QuestionChart(props: { readonly question: Question; readonly result: QuestionResult }) {
  const { t, language, formatNumber } = useI18n()
  const e = t.evaluations
  const title = localized(props.question.text, language, e.missingLanguage)
  if (props.question.kind === "text")
    return (
      <figure className="evaluation-texts">
        <figcaption>
          {title} ({e.answered(formatNumber(props.result.answered))})
        </figcaption>
        {(props.result.texts ?? []).length === 0 ? (
          <p className="muted">{e.noTexts}</p>
        ) : (
          <ul aria-label={e.texts}>
            {(props.result.texts ?? []).map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        )}
      </figure>
    )
  const label = (key: string) => {
    const option = props.question.options?.find((o) => o.id === key)
    return option ? localized(option.text, language, e.missingLanguage) : key
  }
  const data = Object.entries(props.result.counts).map(([key, count]) => ({ key: label(key), count }))
  const id = `chart-${props.question.id}`
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        {title} ({e.answered(formatNumber(props.result.answered))})
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={data} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" />
            <XAxis dataKey="key" />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => formatNumber(Number(value))} />
            <Bar dataKey="count" name={e.count} fill="#2f6f9f" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{e.answer}</th>
            <th scope="col">{e.count}</th>
            <th scope="col">%</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(props.result.counts).map(([key, count]) => (
            <tr key={key}>
              <td>{label(key)}</td>
              <td>{formatNumber(count)}</td>
              <td>
                {formatNumber(props.result.shares[key] ?? 0, { style: "percent", maximumFractionDigits: 0 })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
