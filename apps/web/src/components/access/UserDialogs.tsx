import type { User } from "@coordina/domain"
import { NewUser, PasswordReset, UserChange } from "@coordina/domain"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Button, Checkbox, Input, Label, Text, TextField } from "react-aria-components"
import { createUser, resetPassword, updateUser, usersQuery, userKeys } from "../../api/access.js"
import { ApiProblem } from "../../api/client.js"
import { useI18n } from "../../i18n/I18n.js"
import { FormDialog } from "./FormDialog.js"
import { type FieldError, ProblemAlert } from "./ProblemAlert.js"
import { draftOf, emptyRoles, grantsOf, RolesEditor } from "./RolesEditor.js"
import { schemaErrors } from "./validate.js"

/** Creates a staff account: email, name, a password the admin chooses now, and roles. */
export const CreateUserDialog = ({
  isOpen,
  onOpenChange,
}: {
  isOpen: boolean
  onOpenChange: (o: boolean) => void
}) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState("")
  const [displayName, setDisplayName] = useState("")
  const [password, setPassword] = useState("")
  const [roles, setRoles] = useState(emptyRoles)
  const [fieldErrors, setFieldErrors] = useState<ReadonlyArray<FieldError>>([])
  const reset = () => {
    setEmail("")
    setDisplayName("")
    setPassword("")
    setRoles(emptyRoles)
    setFieldErrors([])
    create.reset()
  }
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: async () => {
      await userKeys.invalidate(queryClient)
      reset()
      onOpenChange(false)
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = { email, displayName, password, roles: grantsOf(roles) }
    const errors = schemaErrors(NewUser, body)
    setFieldErrors(errors)
    if (errors.length === 0) create.mutate(body)
  }
  return (
    <FormDialog
      title={t.access.users.createTitle}
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) reset()
        onOpenChange(open)
      }}
    >
      <form onSubmit={submit} noValidate className="form">
        <TextField value={email} onChange={setEmail} type="email" isRequired>
          <Label>{t.access.users.email}</Label>
          <Input autoComplete="off" />
        </TextField>
        <TextField value={displayName} onChange={setDisplayName} isRequired>
          <Label>{t.access.users.displayName}</Label>
          <Input autoComplete="off" />
        </TextField>
        <TextField value={password} onChange={setPassword} type="password" isRequired>
          <Label>{t.access.users.password}</Label>
          <Input autoComplete="new-password" />
          <Text slot="description">{t.access.users.passwordHint}</Text>
        </TextField>
        <RolesEditor value={roles} onChange={setRoles} />
        <ProblemAlert
          error={create.error ?? undefined}
          fieldErrors={fieldErrors.length > 0 ? fieldErrors : undefined}
        />
        <div className="form-actions">
          <Button type="submit" className="button primary" isDisabled={create.isPending}>
            {t.access.users.create}
          </Button>
          <Button slot="close" className="button">
            {t.app.cancel}
          </Button>
        </div>
      </form>
    </FormDialog>
  )
}

/** Changes a user's name, roles or whether the account is disabled, against the version read. */
export const EditUserDialog = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [base, setBase] = useState(user)
  const [displayName, setDisplayName] = useState(user.displayName)
  const [disabled, setDisabled] = useState(user.disabled)
  const [roles, setRoles] = useState(() => draftOf(user.roles))
  const [fieldErrors, setFieldErrors] = useState<ReadonlyArray<FieldError>>([])
  const save = useMutation({
    mutationFn: (change: typeof UserChange.Encoded) => updateUser(base.id, base.version, change),
    onSuccess: async () => {
      await userKeys.invalidate(queryClient)
      onClose()
    },
  })
  const stale = save.error instanceof ApiProblem && save.error.status === 409
  // Someone changed the user meanwhile: start again from what is stored now.
  const reload = async () => {
    await userKeys.invalidate(queryClient)
    const fresh = (await queryClient.fetchQuery(usersQuery())).items.find((u) => u.id === user.id)
    if (!fresh) return onClose()
    setBase(fresh)
    setDisplayName(fresh.displayName)
    setDisabled(fresh.disabled)
    setRoles(draftOf(fresh.roles))
    save.reset()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const change = { displayName, disabled, roles: grantsOf(roles) }
    const errors = schemaErrors(UserChange, change)
    setFieldErrors(errors)
    if (errors.length === 0) save.mutate(change)
  }
  return (
    <FormDialog
      title={t.access.users.editTitle(user.email)}
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      <form onSubmit={submit} noValidate className="form">
        <TextField value={displayName} onChange={setDisplayName} isRequired>
          <Label>{t.access.users.displayName}</Label>
          <Input autoComplete="off" />
        </TextField>
        <RolesEditor value={roles} onChange={setRoles} />
        <Checkbox isSelected={disabled} onChange={setDisabled} className="checkbox">
          <span className="checkbox-box" aria-hidden="true" />
          {t.access.users.disabledLabel}
        </Checkbox>
        <p className="muted small">{t.access.users.disabledHint}</p>
        {stale ? (
          <div role="alert" className="error-box compact">
            <p>{t.access.users.stale}</p>
            <Button className="button" onPress={reload}>
              {t.access.users.reload}
            </Button>
          </div>
        ) : (
          <ProblemAlert
            error={save.error ?? undefined}
            fieldErrors={fieldErrors.length > 0 ? fieldErrors : undefined}
          />
        )}
        <div className="form-actions">
          <Button type="submit" className="button primary" isDisabled={save.isPending || stale}>
            {t.app.save}
          </Button>
          <Button slot="close" className="button">
            {t.app.cancel}
          </Button>
        </div>
      </form>
    </FormDialog>
  )
}

/** Sets a new password for a user, chosen by the admin and passed on to the user. */
export const ResetPasswordDialog = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useI18n()
  const [password, setPassword] = useState("")
  const [fieldErrors, setFieldErrors] = useState<ReadonlyArray<FieldError>>([])
  const save = useMutation({ mutationFn: (p: string) => resetPassword(user.id, p) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const errors = schemaErrors(PasswordReset, { password })
    setFieldErrors(errors)
    if (errors.length === 0) save.mutate(password)
  }
  return (
    <FormDialog
      title={t.access.users.resetTitle(user.email)}
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      {save.isSuccess ? (
        <div className="form">
          <p role="status">{t.access.users.resetDone}</p>
          <div className="form-actions">
            <Button slot="close" className="button primary">
              {t.access.close}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <TextField value={password} onChange={setPassword} type="password" isRequired>
            <Label>{t.access.users.newPassword}</Label>
            <Input autoComplete="new-password" />
            <Text slot="description">{t.access.users.passwordHint}</Text>
          </TextField>
          <ProblemAlert
            error={save.error ?? undefined}
            fieldErrors={fieldErrors.length > 0 ? fieldErrors : undefined}
          />
          <div className="form-actions">
            <Button type="submit" className="button primary" isDisabled={save.isPending}>
              {t.access.users.resetSubmit}
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
