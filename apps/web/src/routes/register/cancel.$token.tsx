import { useMutation } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { Button } from "react-aria-components"
import { cancelRegistration } from "../../api/registrations.js"
import { LanguageSwitch } from "../../components/LanguageSwitch.js"
import { useI18n } from "../../i18n/I18n.js"
import { Problem } from "../../ui/index.js"

/**
 * The page of a registration e-mail's cancel link. Opening it changes nothing (mail scanners
 * follow links); the registrant confirms with the button, which sends the `DELETE`.
 */
export const Route = createFileRoute("/register/cancel/$token")({ component: CancelPage })

function CancelPage() {
  const { t } = useI18n()
  const c = t.registration.cancel
  const { token } = Route.useParams()
  const mutation = useMutation({ mutationFn: () => cancelRegistration(token) })
  return (
    <main className="sign-in">
      <div className="sign-in-card register-card">
        <header className="sign-in-header">
          <h1>{c.title}</h1>
          <LanguageSwitch />
        </header>
        {mutation.isSuccess ? (
          <p role="status" data-testid="cancel-done">
            {c.done}
          </p>
        ) : (
          <>
            <p>{c.intro}</p>
            {mutation.isError && <Problem error={mutation.error} />}
            <Button
              onPress={() => mutation.mutate()}
              isDisabled={mutation.isPending}
              className="button primary"
            >
              {c.submit}
            </Button>
          </>
        )}
      </div>
    </main>
  )
}
