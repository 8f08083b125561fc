import type { AnswerValues } from "@coordina/domain"
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { useState } from "react"
import { publicQuestionnaireQuery, sendAnswers } from "../../api/evaluations.js"
import { AnswerForm } from "../../components/evaluation/AnswerForm.js"
import { LanguageSwitch } from "../../components/LanguageSwitch.js"
import { useI18n } from "../../i18n/I18n.js"
import { Problem, Status } from "../../ui/index.js"
import { instantFormatter } from "../../ui/formatters.js"

// The participant has no account, so no configured zone: their own device's is the one they read.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone

/** The page a participant opens through their evaluation link: no account, any screen. */
export const Route = createFileRoute("/evaluate/$token")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(publicQuestionnaireQuery(params.token)),
  component: EvaluatePage,
})

function EvaluatePage() {
  const { t, language, formatDate } = useI18n()
  const e = t.evaluations
  const { token } = Route.useParams()
  const queryClient = useQueryClient()
  const { data } = useSuspenseQuery(publicQuestionnaireQuery(token))
  const [saved, setSaved] = useState<"sent" | "changed" | null>(null)
  const again = data.answers !== undefined
  const mutation = useMutation({
    mutationFn: (answers: AnswerValues) => sendAnswers(token, answers, again),
    onSuccess: async () => {
      setSaved(again ? "changed" : "sent")
      await queryClient.invalidateQueries({ queryKey: publicQuestionnaireQuery(token).queryKey })
    },
  })
  const dates =
    data.event.endDate === data.event.startDate
      ? formatDate(data.event.startDate)
      : `${formatDate(data.event.startDate)} – ${formatDate(data.event.endDate)}`
  return (
    <main className="evaluation-public" lang={language}>
      <header className="evaluation-header">
        <p className="muted">{e.publicTitle}</p>
        <LanguageSwitch />
      </header>
      <h1>{data.event.title}</h1>
      <p className="muted">{dates}</p>
      <p>{e.publicLead}</p>
      <p className="muted">{data.anonymous ? e.anonymousNote : e.namedNote}</p>
      {data.closed ? (
        <p className="warning" role="status">
          {e.closedNote}
        </p>
      ) : (
        <p className="muted">{e.closesNote(instantFormatter(language, browserZone)(data.closesAt))}</p>
      )}
      <AnswerForm
        key={again ? "again" : "first"}
        questions={data.questions}
        initial={data.answers}
        submitLabel={again ? e.change : e.send}
        isDisabled={data.closed || mutation.isPending}
        onSubmit={(answers) => {
          setSaved(null)
          mutation.mutate(answers)
        }}
      />
      {mutation.isError && <Problem error={mutation.error} />}
      {saved && !mutation.isError && <Status>{saved === "sent" ? e.thanks : e.changed}</Status>}
    </main>
  )
}
