import { type EmailLanguage, type NotificationKind, notificationKinds } from "@coordina/domain"
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { type FormEvent, useState } from "react"
import { Button, Form } from "react-aria-components"
import {
  notificationKeys,
  notificationPreferencesQuery,
  saveNotificationPreferences,
} from "@/api/notifications.js"
import { useCurrentSession } from "@/auth/Can.js"
import { CheckboxField, Page, Problem, Select } from "@/ui/index.js"
import { useI18n } from "@/i18n/I18n.js"

export const Route = createFileRoute("/_app/settings/notifications")({
  component: NotificationsPage,
})

function NotificationsPage() {
  const { t } = useI18n()
  const session = useCurrentSession()
  // An API key or the admin token is nobody to write to: the API answers 403, so do not ask.
  if (session?.kind !== "session")
    return (
      <Page title={t.notifications.title}>
        <p className="muted">{t.notifications.onlyUsers}</p>
      </Page>
    )
  return <PreferencesForm />
}

function PreferencesForm() {
  const { t } = useI18n()
  const n = t.notifications
  const queryClient = useQueryClient()
  const { data } = useSuspenseQuery(notificationPreferencesQuery())
  const [language, setLanguage] = useState<EmailLanguage>(data.language)
  const [kinds, setKinds] = useState<Record<NotificationKind, boolean>>({ ...data.kinds })
  const mutation = useMutation({
    mutationFn: () => saveNotificationPreferences({ language, kinds }),
    onSuccess: () => notificationKeys.invalidate(queryClient),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <Page title={n.title} lead={n.lead}>
      <Form onSubmit={submit} className="form-grid" aria-label={n.title}>
        <Select
          label={n.language}
          value={language}
          onChange={(v) => v && setLanguage(v as EmailLanguage)}
          options={(["bg", "en"] as const).map((code) => ({ id: code, label: n.languages[code] }))}
          isRequired
        />
        <fieldset className="fieldset">
          <legend>{n.kindsLegend}</legend>
          {notificationKinds.map((kind) => (
            <CheckboxField
              key={kind}
              label={n.kinds[kind]}
              value={kinds[kind]}
              onChange={(on) => setKinds((k) => ({ ...k, [kind]: on }))}
            />
          ))}
        </fieldset>
        {mutation.isError && <Problem error={mutation.error} />}
        {mutation.isSuccess && (
          <p role="status" className="muted">
            {n.saved}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" className="button primary" isDisabled={mutation.isPending}>
            {t.app.save}
          </Button>
        </div>
      </Form>
    </Page>
  )
}
