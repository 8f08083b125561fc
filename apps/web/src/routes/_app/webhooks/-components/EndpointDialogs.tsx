import {
  type CreatedWebhookEndpoint,
  NewWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookEventTypes,
} from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Checkbox, CheckboxGroup, Input, Label, Text, TextField } from "react-aria-components"
import { createWebhookEndpoint, deleteWebhookEndpoint, webhookKeys } from "../../../../api/webhooks.js"
import { FormDialog } from "../../../../components/access/FormDialog.js"
import { type FieldError, ProblemAlert } from "../../../../components/access/ProblemAlert.js"
import { schemaErrors } from "../../../../components/access/validate.js"
import { useI18n } from "../../../../i18n/I18n.js"

/** Shows a new endpoint's signing secret once, with a copy button. */
const SecretShownOnce = ({
  created,
  onDone,
}: {
  created: typeof CreatedWebhookEndpoint.Type
  onDone: () => void
}) => {
  const { t } = useI18n()
  const w = t.webhooks
  const [copied, setCopied] = useState<boolean | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div className="form">
      <div role="alert" className="warning-box">
        <p>
          <strong>{w.onceTitle}</strong>
        </p>
        <p>{w.onceWarning}</p>
      </div>
      <TextField value={created.secret} isReadOnly>
        <Label>{w.secretFor(created.url)}</Label>
        <Input className="mono" data-testid="new-webhook-secret" onFocus={(e) => e.currentTarget.select()} />
      </TextField>
      <div className="form-actions">
        <Button className="button" onPress={copy}>
          {w.copy}
        </Button>
        <span role="status" className="muted">
          {copied === true ? w.copied : copied === false ? w.copyFailed : ""}
        </span>
      </div>
      <div className="form-actions">
        <Button className="button primary" onPress={onDone}>
          {w.done}
        </Button>
      </div>
    </div>
  )
}

/** Creates an endpoint: its URL, the events it receives, a description; shows the secret once. */
export const CreateEndpointDialog = ({
  isOpen,
  onOpenChange,
}: {
  isOpen: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const { t } = useI18n()
  const w = t.webhooks
  const queryClient = useQueryClient()
  const [url, setUrl] = useState("")
  const [description, setDescription] = useState("")
  const [eventTypes, setEventTypes] = useState<ReadonlyArray<WebhookEventType>>([])
  const [fieldErrors, setFieldErrors] = useState<ReadonlyArray<FieldError>>([])
  const create = useMutation({
    mutationFn: createWebhookEndpoint,
    onSuccess: () => webhookKeys.invalidate(queryClient),
  })
  const close = () => {
    setUrl("")
    setDescription("")
    setEventTypes([])
    setFieldErrors([])
    create.reset()
    onOpenChange(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = {
      url,
      eventTypes: [...eventTypes],
      ...(description.trim() ? { description } : {}),
    }
    const errors = [
      ...(eventTypes.length === 0
        ? [{ path: "eventTypes", message: w.noEventTypes }]
        : schemaErrors(NewWebhookEndpoint, body)),
    ]
    setFieldErrors(errors)
    if (errors.length === 0) create.mutate(body)
  }
  const created = create.data
  return (
    <FormDialog
      title={created ? w.createdTitle : w.createTitle}
      isOpen={isOpen}
      // While the secret is on screen, only the explicit button closes the dialog.
      dismissable={!created}
      onOpenChange={(open) => {
        if (!open) close()
        else onOpenChange(true)
      }}
    >
      {created ? (
        <SecretShownOnce created={created} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <TextField value={url} onChange={setUrl} isRequired type="url">
            <Label>{w.url}</Label>
            <Input autoComplete="off" />
            <Text slot="description">{w.urlHint}</Text>
          </TextField>
          <CheckboxGroup
            value={[...eventTypes]}
            onChange={(v) => setEventTypes(v as ReadonlyArray<WebhookEventType>)}
            className="scope-field scope-list"
          >
            <Label>{w.eventTypes}</Label>
            {webhookEventTypes.map((type) => (
              <Checkbox key={type} value={type} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                {w.events[type]} <code>{type}</code>
              </Checkbox>
            ))}
          </CheckboxGroup>
          <TextField value={description} onChange={setDescription}>
            <Label>{w.description}</Label>
            <Input autoComplete="off" />
          </TextField>
          <ProblemAlert
            error={create.error ?? undefined}
            fieldErrors={fieldErrors.length > 0 ? fieldErrors : undefined}
          />
          <div className="form-actions">
            <Button type="submit" className="button primary" isDisabled={create.isPending}>
              {w.create}
            </Button>
            <Button slot="close" className="button">
              {t.app.cancel}
            </Button>
          </div>
        </form>
      )}
    </FormDialog>
  )
}

/** Asks before deleting an endpoint: nothing more is sent to it. */
export const DeleteEndpointDialog = ({
  endpoint,
  onClose,
}: {
  endpoint: WebhookEndpoint
  onClose: () => void
}) => {
  const { t } = useI18n()
  const w = t.webhooks
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: () => deleteWebhookEndpoint(endpoint.id),
    onSuccess: async () => {
      await webhookKeys.invalidate(queryClient)
      onClose()
    },
  })
  return (
    <FormDialog
      title={w.removeTitle(endpoint.url)}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      <div className="form">
        <p>{w.removeWarning}</p>
        <ProblemAlert error={remove.error ?? undefined} />
        <div className="form-actions">
          <Button className="button danger" onPress={() => remove.mutate()} isDisabled={remove.isPending}>
            {w.removeConfirm}
          </Button>
          <Button slot="close" className="button" autoFocus>
            {t.app.cancel}
          </Button>
        </div>
      </div>
    </FormDialog>
  )
}
