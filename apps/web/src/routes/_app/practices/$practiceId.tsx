import type { LocalizedText } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link } from "@tanstack/react-router"
import { useState } from "react"
import { Button } from "react-aria-components"
import { practiceQuery } from "@/api/practices.js"
import { StatusMessage } from "@/components/reach/Fields.js"
import { useI18n } from "@/i18n/I18n.js"
import { areaName, countryName } from "./-components/labels.js"
import { PracticeForm } from "./-components/PracticeForm.js"

export const Route = createFileRoute("/_app/practices/$practiceId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(practiceQuery(params.practiceId)),
  component: PracticePage,
})

/** Both languages side by side; a language not written says so instead of staying blank. */
const Bilingual = ({
  text,
  heading,
}: {
  readonly text: LocalizedText | undefined
  readonly heading: string
}) => {
  const { t } = useI18n()
  const p = t.practices
  if (!text?.bg && !text?.en) return null
  return (
    <section>
      <h2>{heading}</h2>
      {(["bg", "en"] as const).map((l) => (
        <div key={l} lang={l}>
          <h3 className="muted">{p.language[l]}</h3>
          {text[l] ? <p>{text[l]}</p> : <p className="muted">{p.practice.missing(p.language[l]!)}</p>}
        </div>
      ))}
    </section>
  )
}

function PracticePage() {
  const { t, language } = useI18n()
  const p = t.practices.practice
  const l = t.practices.library
  const { practiceId } = Route.useParams()
  const { data: practice } = useSuspenseQuery(practiceQuery(practiceId))
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  const other = language === "bg" ? "en" : "bg"
  return (
    <section>
      <p className="muted">
        <Link to="/practices">{p.back}</Link>
      </p>
      <div className="page-head">
        <h1>{practice.title[language] ?? practice.title[other]}</h1>
        <Button className="button" aria-expanded={editing} onPress={() => setEditing((e) => !e)}>
          {p.edit}
        </Button>
      </div>
      {practice.missingLanguages.length > 0 && (
        <p className="muted">
          {practice.missingLanguages.map((m) => p.missing(t.practices.language[m]!)).join("; ")}
        </p>
      )}
      {saved && <StatusMessage>{p.saved}</StatusMessage>}
      {editing && (
        <section aria-labelledby="edit-practice" className="panel">
          <h2 id="edit-practice">{p.editTitle}</h2>
          <PracticeForm
            practice={practice}
            onSaved={() => {
              setEditing(false)
              setSaved(true)
            }}
          />
        </section>
      )}
      <dl className="facts">
        <dt>{l.country}</dt>
        <dd>
          {countryName(practice.country, language)} ({practice.country})
        </dd>
        <dt>{l.area}</dt>
        <dd>{areaName(practice.area, language)}</dd>
        <dt>{l.level}</dt>
        <dd>{t.practices.level[practice.level]}</dd>
        <dt>{p.version(practice.version)}</dt>
        <dd>{practice.updatedAt.slice(0, 10)}</dd>
      </dl>
      <Bilingual heading={p.description} text={practice.description} />
      <Bilingual heading={p.actors} text={practice.actors} />
      <Bilingual heading={p.results} text={practice.results} />
      <Bilingual heading={p.transferability} text={practice.transferability} />
      <section>
        <h2>{p.sources}</h2>
        {practice.sources.length === 0 ? (
          <p className="muted">{p.noSources}</p>
        ) : (
          <ul>
            {practice.sources.map((s) => (
              <li key={`${s.url}|${s.title}`}>
                <a href={s.url} rel="noopener noreferrer" target="_blank">
                  {s.title}
                </a>
                {s.date && <span className="muted"> ({s.date})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {practice.eventIds.length > 0 && (
        <section>
          <h2>{p.events}</h2>
          <ul>
            {practice.eventIds.map((id) => (
              <li key={id}>
                <Link to="/events/$eventId" params={{ eventId: id }}>
                  {id}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
