import type { ApiKey, CreatedApiKey } from "@coordina/domain"
import { type AccessKind, NewApiKey, type Scope, type ScopeFamily, scopeFamilies } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Input, Label, Radio, RadioGroup, Text, TextField } from "react-aria-components"
import { createApiKey, revokeApiKey, apiKeyKeys } from "../../api/access.js"
import { useI18n } from "../../i18n/I18n.js"
import { FormDialog } from "./FormDialog.js"
import { type FieldError, ProblemAlert } from "./ProblemAlert.js"
import { schemaErrors } from "./validate.js"

type Grant = AccessKind | "none"

const scopesOf = (grants: Partial<Record<ScopeFamily, Grant>>): ReadonlyArray<Scope> =>
  scopeFamilies.flatMap((family) => {
    const grant = grants[family] ?? "none"
    return grant === "none" ? [] : [`${family}:${grant}` as const]
  })

/** A date chosen as "valid through": the key works until the end of that day, UTC. */
const endOfDay = (date: string) => `${date}T23:59:59Z`

/** Shows a new key once, with a copy button; Coordina keeps only its hash. */
const KeyShownOnce = ({ created, onDone }: { created: typeof CreatedApiKey.Type; onDone: () => void }) => {
  const { t } = useI18n()
  const [copied, setCopied] = useState<boolean | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div className="form">
      <div role="alert" className="warning-box">
        <p>
          <strong>{t.access.apiKeys.onceTitle}</strong>
        </p>
        <p>{t.access.apiKeys.onceWarning}</p>
      </div>
      <TextField value={created.key} isReadOnly>
        <Label>{t.access.apiKeys.keyFor(created.name)}</Label>
        <Input className="mono" data-testid="new-api-key" onFocus={(e) => e.currentTarget.select()} />
      </TextField>
      <div className="form-actions">
        <Button className="button" onPress={copy}>
          {t.access.apiKeys.copy}
        </Button>
        <span role="status" className="muted">
          {copied === true ? t.access.apiKeys.copied : copied === false ? t.access.apiKeys.copyFailed : ""}
        </span>
      </div>
      <div className="form-actions">
        <Button className="button primary" onPress={onDone}>
          {t.access.apiKeys.done}
        </Button>
      </div>
    </div>
  )
}

/** Creates an API key: a name, scopes per family, an optional last day; shows the key once. */
export const CreateApiKeyDialog = ({
  isOpen,
  onOpenChange,
}: {
  isOpen: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [name, setName] = useState("")
  const [grants, setGrants] = useState<Partial<Record<ScopeFamily, Grant>>>({})
  const [expires, setExpires] = useState("")
  const [fieldErrors, setFieldErrors] = useState<ReadonlyArray<FieldError>>([])
  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: () => apiKeyKeys.invalidate(queryClient),
  })
  const close = () => {
    setName("")
    setGrants({})
    setExpires("")
    setFieldErrors([])
    create.reset()
    onOpenChange(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const scopes = scopesOf(grants)
    const body = { name, scopes: [...scopes], ...(expires ? { expiresAt: endOfDay(expires) } : {}) }
    const errors = [
      ...schemaErrors(NewApiKey, body),
      ...(scopes.length === 0 ? [{ path: "scopes", message: t.access.apiKeys.noScopes }] : []),
    ]
    setFieldErrors(errors)
    if (errors.length === 0) create.mutate(body)
  }
  const created = create.data
  return (
    <FormDialog
      title={created ? t.access.apiKeys.createdTitle : t.access.apiKeys.createTitle}
      isOpen={isOpen}
      // While the key is on screen, only the explicit button closes the dialog.
      dismissable={!created}
      onOpenChange={(open) => {
        if (!open) close()
        else onOpenChange(true)
      }}
    >
      {created ? (
        <KeyShownOnce created={created} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <TextField value={name} onChange={setName} isRequired>
            <Label>{t.access.apiKeys.name}</Label>
            <Input autoComplete="off" />
            <Text slot="description">{t.access.apiKeys.nameHint}</Text>
          </TextField>
          <fieldset className="scope-grid">
            <legend>{t.access.apiKeys.scopes}</legend>
            <p className="muted small">{t.access.apiKeys.scopesHint}</p>
            {scopeFamilies.map((family) => (
              <RadioGroup
                key={family}
                orientation="horizontal"
                value={grants[family] ?? "none"}
                onChange={(v) => setGrants({ ...grants, [family]: v as Grant })}
                className="scope-row"
              >
                <Label>{t.access.families[family]}</Label>
                <div className="scope-options">
                  {(["none", "read", "write"] as const).map((g) => (
                    <Radio key={g} value={g} className="radio">
                      {t.access.apiKeys.grant[g]}
                    </Radio>
                  ))}
                </div>
              </RadioGroup>
            ))}
          </fieldset>
          <TextField value={expires} onChange={setExpires} type="date">
            <Label>{t.access.apiKeys.expires}</Label>
            <Input />
            <Text slot="description">{t.access.apiKeys.expiresHint}</Text>
          </TextField>
          <ProblemAlert
            error={create.error ?? undefined}
            fieldErrors={fieldErrors.length > 0 ? fieldErrors : undefined}
          />
          <div className="form-actions">
            <Button type="submit" className="button primary" isDisabled={create.isPending}>
              {t.access.apiKeys.create}
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

/** Asks before revoking a key: integrations using it stop working at once. */
export const RevokeApiKeyDialog = ({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const revoke = useMutation({
    mutationFn: () => revokeApiKey(apiKey.id),
    onSuccess: async () => {
      await apiKeyKeys.invalidate(queryClient)
      onClose()
    },
  })
  return (
    <FormDialog
      title={t.access.apiKeys.revokeTitle(apiKey.name)}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      <div className="form">
        <p>{t.access.apiKeys.revokeWarning}</p>
        <ProblemAlert error={revoke.error ?? undefined} />
        <div className="form-actions">
          <Button className="button danger" onPress={() => revoke.mutate()} isDisabled={revoke.isPending}>
            {t.access.apiKeys.revokeConfirm}
          </Button>
          <Button slot="close" className="button" autoFocus>
            {t.app.cancel}
          </Button>
        </div>
      </div>
    </FormDialog>
  )
}
