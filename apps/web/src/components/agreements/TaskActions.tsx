/**
 * What an institution can do with a coordination task: accept it, reject it with a reason, or
 * complete an accepted one with its outcome. The API decides which are offered (`allowedActions`).
 */
import type { TaskAction, TaskView } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form, Group } from "react-aria-components"
import { afterAgreementChange, taskAction, taskKeys } from "../../api/agreements.js"
import { useI18n } from "../../i18n/I18n.js"
import { TextAreaInput } from "../Fields.js"
import { ProblemBox } from "./Shared.js"

/** Buttons and the small forms for one task. */
export const TaskActions = ({ task, label }: { task: TaskView; label: string }) => {
  const { t } = useI18n()
  const tt = t.agreements.task
  const queryClient = useQueryClient()
  const [form, setForm] = useState<"reject" | "complete" | null>(null)
  const [text, setText] = useState("")
  const mutation = useMutation({
    mutationFn: (action: TaskAction) =>
      taskAction(
        task,
        action,
        action === "reject" ? { reason: text.trim() } : action === "complete" ? { outcome: text.trim() } : {},
      ),
    onSuccess: async () => {
      setForm(null)
      setText("")
      await afterAgreementChange(queryClient)
    },
    onError: () => void taskKeys.invalidate(queryClient),
  })
  // The API decides which answers the caller may give to this task now; exactly those are offered.
  const allowed = task.allowedActions
  if (allowed.length === 0) return null
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    if (form) mutation.mutate(form)
  }
  return (
    <Group className="task-actions" aria-label={label}>
      {form === null ? (
        <div className="action-buttons">
          {allowed.includes("accept") && (
            <Button
              className="button primary"
              onPress={() => mutation.mutate("accept")}
              isDisabled={mutation.isPending}
            >
              {tt.accept}
            </Button>
          )}
          {allowed.includes("reject") && (
            <Button className="button" onPress={() => setForm("reject")}>
              {tt.reject}
            </Button>
          )}
          {allowed.includes("complete") && (
            <Button className="button primary" onPress={() => setForm("complete")}>
              {tt.complete}
            </Button>
          )}
        </div>
      ) : (
        <Form onSubmit={submit} className="inline-form">
          <TextAreaInput
            label={form === "reject" ? tt.reason : tt.outcome}
            value={text}
            onChange={setText}
            isRequired
          />
          <div className="form-buttons">
            <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
              {form === "reject" ? tt.reject : tt.complete}
            </Button>
            <Button className="button" onPress={() => setForm(null)}>
              {t.agreements.form.cancel}
            </Button>
          </div>
        </Form>
      )}
      <ProblemBox error={mutation.error} />
    </Group>
  )
}
