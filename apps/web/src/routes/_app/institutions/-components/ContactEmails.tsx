import type { Institution } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import { institutionKeys, updateContactEmails } from "@/api/institutions.js"
import { useAllows } from "@/auth/Can.js"
import { useI18n } from "@/i18n/I18n.js"
import { Problem, Section, TextAreaField } from "@/ui/index.js"

/** The addresses that receive an institution's task e-mails, and (for who may change institutions) their editor. */
export const ContactEmails = ({ institution }: { readonly institution: Institution }) => {
  const { t } = useI18n()
  const c = t.notifications.contacts
  const mayEdit = useAllows("institutions", "write")
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState("")
  const mutation = useMutation({
    // One address per line (commas and semicolons also split), blanks dropped; the API checks
    // each address, lower-cases it and drops repeats.
    mutationFn: () =>
      updateContactEmails(
        institution,
        text
          .split(/[\n,;]+/)
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      ),
    onSuccess: async () => {
      await institutionKeys.invalidate(queryClient)
      setEditing(false)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Section title={c.title}>
      <p className="muted">{c.lead}</p>
      {institution.contactEmails.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <ul className="plain-list" data-testid="contact-emails">
          {institution.contactEmails.map((email) => (
            <li key={email}>
              <a href={`mailto:${email}`}>{email}</a>
            </li>
          ))}
        </ul>
      )}
      {mutation.isSuccess && !editing && (
        <p role="status" className="muted">
          {c.saved}
        </p>
      )}
      {mayEdit && !editing && (
        <Button
          className="button"
          onPress={() => {
            setText(institution.contactEmails.join("\n"))
            mutation.reset()
            setEditing(true)
          }}
        >
          {c.edit}
        </Button>
      )}
      {editing && (
        <Form onSubmit={submit} className="form-grid" aria-label={c.edit}>
          <TextAreaField label={c.field} value={text} onChange={setText} />
          {mutation.isError && <Problem error={mutation.error} />}
          <div className="form-actions">
            <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
              {t.app.save}
            </Button>
            <Button className="button" onPress={() => setEditing(false)}>
              {t.app.cancel}
            </Button>
          </div>
        </Form>
      )}
    </Section>
  )
}
