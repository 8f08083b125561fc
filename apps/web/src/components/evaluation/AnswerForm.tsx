/**
 * The answers to a questionnaire as a form: the public answer page and staff's paper entry use
 * the same one. Radio buttons and checkboxes are large enough to tap on a phone.
 */
import type { AnswerValues, Question } from "@coordina/domain"
import { type FormEvent, useState } from "react"
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Form,
  Label,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
} from "react-aria-components"
import { useI18n } from "../../i18n/I18n.js"
import { localized } from "./localized.js"

export const AnswerForm = (props: {
  readonly questions: ReadonlyArray<Question>
  readonly initial?: AnswerValues | undefined
  readonly submitLabel: string
  readonly isDisabled?: boolean
  readonly onSubmit: (answers: AnswerValues) => void
}) => {
  const { t, language } = useI18n()
  const e = t.evaluations
  const [answers, setAnswers] = useState<Record<string, AnswerValues[string]>>({ ...props.initial })
  const set = (id: string, value: AnswerValues[string] | undefined) =>
    setAnswers((now) => {
      const next = { ...now }
      if (value === undefined || (Array.isArray(value) && value.length === 0) || value === "") delete next[id]
      else next[id] = value
      return next
    })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    props.onSubmit(answers)
  }
  const text = (q: { text: Question["text"] }) => localized(q.text, language, e.missingLanguage)
  return (
    <Form onSubmit={submit} className="evaluation-form">
      {props.questions.map((q) => {
        const value = answers[q.id]
        switch (q.kind) {
          case "scale":
            return (
              <RadioGroup
                key={q.id}
                value={value === undefined ? null : String(value)}
                onChange={(v) => set(q.id, Number(v))}
                orientation="horizontal"
                className="field scale"
                isDisabled={props.isDisabled ?? false}
              >
                <Label>{text(q)}</Label>
                <div className="scale-points">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Radio key={n} value={String(n)} className="scale-point">
                      {n}
                    </Radio>
                  ))}
                </div>
                <p className="muted scale-ends">
                  <span>{e.scaleLow}</span> <span>{e.scaleHigh}</span>
                </p>
              </RadioGroup>
            )
          case "single":
            return (
              <RadioGroup
                key={q.id}
                value={typeof value === "string" ? value : null}
                onChange={(v) => set(q.id, v)}
                className="field choices"
                isDisabled={props.isDisabled ?? false}
              >
                <Label>{text(q)}</Label>
                {(q.options ?? []).map((o) => (
                  <Radio key={o.id} value={o.id} className="choice">
                    {text(o)}
                  </Radio>
                ))}
              </RadioGroup>
            )
          case "multiple":
            return (
              <CheckboxGroup
                key={q.id}
                value={Array.isArray(value) ? [...value] : []}
                onChange={(v) => set(q.id, v)}
                className="field choices"
                isDisabled={props.isDisabled ?? false}
              >
                <Label>{text(q)}</Label>
                {(q.options ?? []).map((o) => (
                  <Checkbox key={o.id} value={o.id} className="checkbox choice">
                    <span className="checkbox-box" aria-hidden="true" />
                    {text(o)}
                  </Checkbox>
                ))}
              </CheckboxGroup>
            )
          default:
            return (
              <TextField
                key={q.id}
                value={typeof value === "string" ? value : ""}
                onChange={(v) => set(q.id, v)}
                className="react-aria-TextField field"
                isDisabled={props.isDisabled ?? false}
              >
                <Label>{text(q)}</Label>
                <TextArea rows={3} />
              </TextField>
            )
        }
      })}
      <div className="form-actions">
        <Button type="submit" className="button primary" isDisabled={props.isDisabled ?? false}>
          {props.submitLabel}
        </Button>
      </div>
    </Form>
  )
}
