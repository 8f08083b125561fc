import type { GovernmentLevel, LocalizedText, Practice, PracticeArea } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { createPractice, practiceKeys, updatePractice } from "@/api/practices.js"
import { ProblemAlert } from "@/components/reach/Fields.js"
import { useI18n } from "@/i18n/I18n.js"
import { Select, TextAreaField, TextField } from "@/ui/index.js"
import { areaOptions, countryOptions } from "./labels.js"

interface SourceRow {
  readonly title: string
  readonly url: string
  readonly date: string
}

const text = (bg: string, en: string): LocalizedText => ({
  ...(bg.trim() ? { bg: bg.trim() } : {}),
  ...(en.trim() ? { en: en.trim() } : {}),
})

/**
 * Adds a practice, or changes `practice` (sending the version it was read at). Events and
 * presenters stay as they are; the API judges every rule and the problem marks the fields.
 */
export const PracticeForm = ({
  practice,
  onSaved,
}: {
  readonly practice?: Practice | undefined
  readonly onSaved: (p: Practice) => void
}) => {
  const { t, language } = useI18n()
  const f = t.practices.form
  const l = t.practices.library
  const queryClient = useQueryClient()
  const [country, setCountry] = useState<string | undefined>(practice?.country)
  const [area, setArea] = useState<string | undefined>(practice?.area)
  const [level, setLevel] = useState<string | undefined>(practice?.level)
  const [titleBg, setTitleBg] = useState(practice?.title.bg ?? "")
  const [titleEn, setTitleEn] = useState(practice?.title.en ?? "")
  const [descriptionBg, setDescriptionBg] = useState(practice?.description.bg ?? "")
  const [descriptionEn, setDescriptionEn] = useState(practice?.description.en ?? "")
  const [resultsBg, setResultsBg] = useState(practice?.results?.bg ?? "")
  const [resultsEn, setResultsEn] = useState(practice?.results?.en ?? "")
  const [transferBg, setTransferBg] = useState(practice?.transferability?.bg ?? "")
  const [transferEn, setTransferEn] = useState(practice?.transferability?.en ?? "")
  const [sources, setSources] = useState<ReadonlyArray<SourceRow>>(
    practice?.sources.map((s) => ({ title: s.title, url: s.url, date: s.date ?? "" })) ?? [],
  )
  const setSource = (i: number, patch: Partial<SourceRow>) =>
    setSources((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)))
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        country: country ?? "",
        area: area as PracticeArea,
        level: level as GovernmentLevel,
        title: text(titleBg, titleEn),
        description: text(descriptionBg, descriptionEn),
        results: text(resultsBg, resultsEn),
        transferability: text(transferBg, transferEn),
        sources: sources.map((s) => ({
          title: s.title.trim(),
          url: s.url.trim(),
          ...(s.date ? { date: s.date } : {}),
        })),
      }
      return practice
        ? updatePractice(practice.id, practice.version, body)
        : createPractice({ ...body, eventIds: [], presenterIds: [] })
    },
    onSuccess: async (saved) => {
      await practiceKeys.invalidate(queryClient)
      onSaved(saved)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Form
      onSubmit={submit}
      className="form-grid"
      aria-label={practice ? t.practices.practice.editTitle : l.createTitle}
    >
      <Select
        label={l.country}
        value={country}
        onChange={setCountry}
        options={countryOptions(language)}
        isRequired
      />
      <Select label={l.area} value={area} onChange={setArea} options={areaOptions(language)} isRequired />
      <Select
        label={l.level}
        value={level}
        onChange={setLevel}
        options={(["central", "regional", "local"] as const).map((v) => ({
          id: v,
          label: t.practices.level[v]!,
        }))}
        isRequired
      />
      <p className="muted">{f.oneLanguage}</p>
      <TextField label={f.titleBg} value={titleBg} onChange={setTitleBg} />
      <TextField label={f.titleEn} value={titleEn} onChange={setTitleEn} />
      <TextAreaField label={f.descriptionBg} value={descriptionBg} onChange={setDescriptionBg} rows={4} />
      <TextAreaField label={f.descriptionEn} value={descriptionEn} onChange={setDescriptionEn} rows={4} />
      <TextAreaField label={f.resultsBg} value={resultsBg} onChange={setResultsBg} />
      <TextAreaField label={f.resultsEn} value={resultsEn} onChange={setResultsEn} />
      <TextAreaField label={f.transferabilityBg} value={transferBg} onChange={setTransferBg} />
      <TextAreaField label={f.transferabilityEn} value={transferEn} onChange={setTransferEn} />
      {sources.map((s, i) => (
        // Rows have no id of their own; their position is what the API's paths name too.
        <fieldset key={i} className="form-grid">
          <legend>
            {t.practices.practice.sources} {i + 1}
          </legend>
          <TextField label={f.sourceTitle} value={s.title} onChange={(title) => setSource(i, { title })} />
          <TextField label={f.sourceUrl} value={s.url} onChange={(url) => setSource(i, { url })} />
          <TextField
            label={f.sourceDate}
            type="date"
            value={s.date}
            onChange={(date) => setSource(i, { date })}
          />
          <Button className="button" onPress={() => setSources((all) => all.filter((_, j) => j !== i))}>
            {f.removeSource}
          </Button>
        </fieldset>
      ))}
      <div>
        <Button
          className="button"
          onPress={() => setSources((all) => [...all, { title: "", url: "", date: "" }])}
        >
          {f.addSource}
        </Button>
      </div>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
          {mutation.isPending ? f.saving : f.save}
        </Button>
      </div>
    </Form>
  )
}
