import { useQueryClient } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { type FormEvent, useState } from "react"
import { Button, Input, Label, Tab, TabList, TabPanel, Tabs, TextField } from "react-aria-components"
import { currentSessionQuery, signInWithPassword } from "../api/access.js"
import { ApiProblem } from "../api/client.js"
import {
  clearToken,
  lastSignInMethod,
  rememberSignInMethod,
  type SignInMethod,
  setCsrfToken,
  setToken,
} from "../auth/session.js"
import { waitText } from "../components/access/waitText.js"
import { LanguageSwitch } from "../components/LanguageSwitch.js"
import { useI18n } from "../i18n/I18n.js"

const SignInSearch = Schema.standardSchemaV1(
  Schema.Struct({
    redirect: Schema.optional(Schema.String),
    method: Schema.optional(Schema.Literal("password", "token")),
  }),
)

export const Route = createFileRoute("/sign-in")({
  validateSearch: SignInSearch,
  component: SignIn,
})

/** Only a path of this app is followed after sign-in, never another site; home by default. */
const safeRedirect = (redirect: string | undefined) =>
  redirect?.startsWith("/") && !redirect.startsWith("//") && !redirect.startsWith("/\\") ? redirect : "/"

function SignIn() {
  const { t } = useI18n()
  const search = Route.useSearch()
  const [method, setMethod] = useState<SignInMethod>(search.method ?? lastSignInMethod())
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <header className="sign-in-header">
          <h1>{t.app.name}</h1>
          <LanguageSwitch />
        </header>
        <p className="muted">{t.app.tagline}</p>
        <h2>{t.signIn.title}</h2>
        <Tabs
          selectedKey={method}
          onSelectionChange={(key) => setMethod(key === "password" ? "password" : "token")}
          className="sign-in-tabs"
        >
          <TabList aria-label={t.access.signIn.methods}>
            <Tab id="password">{t.access.signIn.passwordTab}</Tab>
            <Tab id="token">{t.access.signIn.tokenTab}</Tab>
          </TabList>
          <TabPanel id="password">
            <PasswordSignIn redirect={search.redirect} />
          </TabPanel>
          <TabPanel id="token">
            <TokenSignIn redirect={search.redirect} />
          </TabPanel>
        </Tabs>
      </div>
    </main>
  )
}

/** Signs a staff member in with email and password: the session comes back as a cookie. */
function PasswordSignIn({ redirect }: { redirect: string | undefined }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!email.trim() || !password) return setError(t.access.signIn.required)
    setBusy(true)
    setError(null)
    clearToken()
    try {
      const session = await signInWithPassword(email.trim(), password)
      setCsrfToken(session.csrfToken)
      rememberSignInMethod("password")
      queryClient.clear()
      await navigate({ to: safeRedirect(redirect) })
    } catch (e) {
      setPassword("")
      if (e instanceof ApiProblem && e.status === 429)
        setError(t.access.signIn.tooMany(waitText(t, e.retryAfterSeconds)))
      else if (e instanceof ApiProblem && e.status === 401) setError(t.access.signIn.wrong)
      else setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t.access.signIn.passwordIntro}</p>
      <TextField value={email} onChange={setEmail} type="email" isRequired>
        <Label>{t.access.signIn.email}</Label>
        <Input name="email" autoComplete="username" />
      </TextField>
      <TextField value={password} onChange={setPassword} type="password" isRequired>
        <Label>{t.access.signIn.password}</Label>
        <Input name="password" autoComplete="current-password" />
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
  )
}

/** Signs in with an access token: the install's admin token, or a session or API key token. */
function TokenSignIn({ redirect }: { redirect: string | undefined }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [token, setTokenValue] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!token.trim()) return setError(t.signIn.required)
    setBusy(true)
    setToken(token.trim())
    try {
      queryClient.clear()
      await queryClient.fetchQuery(currentSessionQuery())
      rememberSignInMethod("token")
      await navigate({ to: safeRedirect(redirect) })
    } catch (e) {
      clearToken()
      queryClient.clear()
      if (e instanceof ApiProblem && e.status === 429)
        setError(t.access.signIn.tooMany(waitText(t, e.retryAfterSeconds)))
      else setError(t.signIn.invalid)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t.signIn.intro}</p>
      <TextField value={token} onChange={setTokenValue} type="password" isRequired>
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
  )
}
