import { useQueryClient } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { type FormEvent, useState } from "react"
import { Button, Input, Label, TextField } from "react-aria-components"
import { api } from "../api/client.js"
import { clearToken, setToken } from "../auth/session.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"

const SignInSearch = Schema.standardSchemaV1(Schema.Struct({ redirect: Schema.optional(Schema.String) }))

export const Route = createFileRoute("/sign-in")({
  validateSearch: SignInSearch,
  component: SignIn,
})

function SignIn() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { redirect } = Route.useSearch()
  const [token, setTokenValue] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!token.trim()) return setError(t.signIn.required)
    setBusy(true)
    setToken(token.trim())
    try {
      await api("/v1/projects?limit=1")
      queryClient.clear()
      await navigate({ to: redirect?.startsWith("/") ? redirect : "/projects" })
    } catch {
      clearToken()
      setError(t.signIn.invalid)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <header className="sign-in-header">
          <h1>{t.app.name}</h1>
          <LanguageSwitch />
        </header>
        <p className="muted">{t.app.tagline}</p>
        <h2>{t.signIn.title}</h2>
        <p>{t.signIn.intro}</p>
        <form onSubmit={submit} noValidate>
          <TextField value={token} onChange={setTokenValue} type="password" autoFocus isRequired>
            <Label>{t.signIn.token}</Label>
            <Input name="token" autoComplete="current-password" />
          </TextField>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <Button type="submit" isDisabled={busy} className="button primary">
            {t.signIn.submit}
          </Button>
        </form>
      </div>
    </main>
  )
}
