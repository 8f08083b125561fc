import { GovernmentLevel, type RecommendationView } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { recommendationsQuery } from "@/api/practices.js"
import { useI18n } from "@/i18n/I18n.js"
import { Select } from "@/ui/index.js"
import { inLanguage } from "./practices/-components/labels.js"

const RecommendationsSearch = Schema.Struct({ level: Schema.optional(GovernmentLevel) })

export const Route = createFileRoute("/_app/recommendations")({
  validateSearch: Schema.standardSchemaV1(RecommendationsSearch),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(recommendationsQuery(deps.level)),
  component: RecommendationsPage,
})

const levels = ["central", "regional", "local"] as const

function RecommendationsPage() {
  const { t, language, formatNumber } = useI18n()
  const r = t.practices.recommendations
  const search = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data } = useSuspenseQuery(recommendationsQuery(search.level))
  const shown = search.level ? [search.level] : levels
  const figure = (v: number | null) => (v === null ? "—" : formatNumber(v))
  const card = (rec: RecommendationView) => {
    const text = inLanguage(rec.text, language)
    return (
      <article key={rec.id} className="panel" aria-label={text?.text.slice(0, 80)}>
        <p lang={text?.shownIn}>{text?.text}</p>
        {text && text.shownIn !== language && (
          <p className="muted">{t.practices.practice.missing(t.practices.language[language]!)}</p>
        )}
        {rec.practiceIds.length > 0 && (
          <>
            <h4>{r.practices}</h4>
            <ul>
              {rec.practiceIds.map((id) => (
                <li key={id}>
                  <Link to="/practices/$practiceId" params={{ practiceId: id }}>
                    {id}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        {rec.findings.length > 0 && (
          <table className="data-table">
            <caption>{r.findings}</caption>
            <thead>
              <tr>
                <th scope="col">{r.findings}</th>
                <th scope="col">{r.cited}</th>
                <th scope="col">{r.now}</th>
              </tr>
            </thead>
            <tbody>
              {rec.findings.map((f) => (
                <tr key={`${f.groupBy}|${f.asOf}|${f.procedureId ?? f.groupKey ?? ""}|${f.figure.metric}`}>
                  <th scope="row">
                    {r.finding(f.groupBy, f.asOf, f.procedureId ?? f.groupKey ?? r.total)}: {f.figure.metric}
                  </th>
                  <td>{figure(f.figure.value)}</td>
                  <td>
                    {figure(f.currentValue)}
                    {f.currentValue !== f.figure.value && <span className="muted"> ({r.changed})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    )
  }
  return (
    <section>
      <h1>{r.title}</h1>
      <search className="filters" aria-label={r.level}>
        <Select
          label={r.level}
          value={search.level}
          onChange={(level) =>
            void navigate({ search: { level: level as typeof search.level }, replace: true })
          }
          options={levels.map((v) => ({ id: v, label: t.practices.level[v]! }))}
          emptyLabel={r.all}
        />
      </search>
      {shown.map((level) => {
        const items = data.items.filter((i) => i.level === level)
        return (
          <section key={level} aria-labelledby={`level-${level}`}>
            <h2 id={`level-${level}`}>{t.practices.level[level]}</h2>
            {items.length === 0 ? <p className="muted">{r.none}</p> : items.map(card)}
          </section>
        )
      })}
    </section>
  )
}
