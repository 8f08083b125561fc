import type { ReachReport } from "@coordina/domain"
import { type BreakdownKey, breakdownKeys } from "@coordina/domain"
import { useQuery, useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import { lazy, Suspense } from "react"
import { Meter } from "react-aria-components"
import { reachQuery, reachSeriesQuery } from "@/api/reach.js"
import { useTodayDate } from "@/api/today.js"
import { ProblemAlert } from "@/components/reach/Fields.js"
import { TextInput } from "@/components/Fields.js"
import { bucketLabel } from "@/components/reach/labels.js"
import { useI18n } from "@/i18n/I18n.js"
import { DashboardSearch } from "./-components/search.js"

// The charting library is the largest part of the dashboard: the figures and targets show
// first, the charts follow when their code has loaded (tooling/scripts/web-size.mjs).
const ReachChart = lazy(() => import("./-components/ReachChart.js").then((m) => ({ default: m.ReachChart })))

/** The project's reach dashboard: headline figures, targets over time, breakdowns. */
export const Route = createFileRoute("/_app/projects/$projectId/")({
  validateSearch: Schema.standardSchemaV1(DashboardSearch),
  loaderDeps: ({ search }) => ({ asOf: search.asOf }),
  loader: ({ context, params, deps }) =>
    context.queryClient.ensureQueryData(reachQuery(params.projectId, deps.asOf)),
  component: Dashboard,
})

function Dashboard() {
  const { t, formatNumber } = useI18n()
  const d = t.reach.dashboard
  const { projectId } = Route.useParams()
  const { asOf } = Route.useSearch()
  const today = useTodayDate()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data: reach } = useSuspenseQuery(reachQuery(projectId, asOf))
  const series = useQuery(reachSeriesQuery(projectId, asOf))
  const figures = [
    { indicator: "direct", label: d.direct, value: reach.direct.total },
    { indicator: "indirect", label: d.indirect, value: reach.indirect.total },
    { indicator: "total", label: d.total, value: reach.total },
  ] as const
  return (
    <>
      <div className="filters">
        <TextInput
          label={d.asOf}
          type="date"
          value={asOf ?? today}
          description={d.asOfHelp}
          onChange={(value) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(value)) void navigate({ search: { asOf: value }, replace: true })
          }}
        />
      </div>
      <section aria-label={d.headline} className="figures">
        {figures.map((f) => (
          <Link
            key={f.indicator}
            to="/projects/$projectId/explorer"
            params={{ projectId }}
            search={{ indicator: f.indicator, asOf }}
            className="figure"
          >
            <span className="figure-label">{f.label}</span>{" "}
            <span className="figure-value">{formatNumber(f.value)}</span>
            {f.indicator === "indirect" && (
              <span className="muted figure-detail">
                {d.indirectDetail(
                  reach.indirect.named,
                  reach.indirect.unnamedCounted,
                  reach.indirect.unnamedEstimated,
                )}
              </span>
            )}
          </Link>
        ))}
        {reach.usefulShare !== undefined && (
          <p className="figure" data-testid="project-useful-share">
            <span className="figure-label">{t.evaluations.projectUsefulShare}</span>{" "}
            <span className="figure-value">
              {formatNumber(reach.usefulShare, { style: "percent", maximumFractionDigits: 0 })}
            </span>
            <span className="muted figure-detail">{t.evaluations.projectUsefulShareDetail}</span>
          </p>
        )}
      </section>
      <h2>{t.projects.targets}</h2>
      <TargetsTable reach={reach} />
      {series.isError ? (
        <ProblemAlert error={series.error} />
      ) : series.data && series.data.points.length > 0 ? (
        <Suspense fallback={<p className="muted">{t.app.loading}</p>}>
          <div className="charts">
            {(reach.targets.length > 0
              ? reach.targets.map((target) => ({
                  indicator: target.indicator,
                  value: target.value as number | undefined,
                }))
              : [{ indicator: "direct" as const, value: undefined }]
            ).map((target) => (
              <ReachChart
                key={target.indicator}
                series={series.data}
                indicator={target.indicator}
                target={target.value}
                title={t.projects.indicator[target.indicator]}
              />
            ))}
          </div>
        </Suspense>
      ) : (
        <p className="muted">{series.isPending ? t.app.loading : d.noSeries}</p>
      )}
      <h2>{d.breakdowns}</h2>
      <div className="breakdowns">
        {breakdownKeys.map((key) => (
          <Breakdown key={key} projectId={projectId} asOf={asOf} breakdown={key} reach={reach} />
        ))}
      </div>
    </>
  )
}

function TargetsTable({ reach }: { readonly reach: ReachReport }) {
  const { t, language, formatNumber } = useI18n()
  const d = t.reach.dashboard
  const pct = (achieved: number, value: number) => (value > 0 ? Math.min(100, (achieved / value) * 100) : 100)
  if (reach.targets.length === 0) return <p className="muted">{t.app.none}</p>
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{d.indicator}</th>
          <th scope="col">{d.target}</th>
          <th scope="col">{d.achieved}</th>
          <th scope="col">{d.expected}</th>
          <th scope="col">{d.progress}</th>
          <th scope="col">{d.status}</th>
        </tr>
      </thead>
      <tbody>
        {reach.targets.flatMap((target) => {
          const name = t.projects.indicator[target.indicator]
          const rows = [
            { key: target.indicator, name, ...target },
            ...(target.breakdown ?? []).map((b) => ({
              key: `${target.indicator}:${b.breakdown}:${b.bucket}`,
              name: `${name} · ${
                (breakdownKeys as ReadonlyArray<string>).includes(b.breakdown)
                  ? bucketLabel(t.reach, language, b.breakdown as BreakdownKey, b.bucket)
                  : b.bucket
              }`,
              ...b,
            })),
          ]
          return rows.map((row) => (
            <tr key={row.key} className={`target-${row.status}`}>
              <th scope="row">{row.name}</th>
              <td className="number">{formatNumber(row.value)}</td>
              <td className="number">{formatNumber(row.achieved)}</td>
              <td className="number">{formatNumber(row.expected, { maximumFractionDigits: 0 })}</td>
              <td>
                <Meter
                  value={pct(row.achieved, row.value)}
                  className="meter"
                  aria-label={`${d.progress}: ${row.name}`}
                >
                  {({ percentage, valueText }) => (
                    <>
                      <span className="meter-value">{valueText}</span>
                      <div className="meter-track" aria-hidden="true">
                        <div className="meter-fill" style={{ width: `${percentage}%` }} />
                      </div>
                    </>
                  )}
                </Meter>
              </td>
              <td>
                <span className={`badge ${row.status}`}>{t.reach.targetStatus[row.status]}</span>
              </td>
            </tr>
          ))
        })}
      </tbody>
    </table>
  )
}

function Breakdown(props: {
  readonly projectId: string
  readonly asOf: string | undefined
  readonly breakdown: BreakdownKey
  readonly reach: ReachReport
}) {
  const { t, language, formatNumber } = useI18n()
  const d = t.reach.dashboard
  const counts = props.reach.direct[props.breakdown]
  const total = props.reach.direct.total
  const buckets = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
  const title = t.reach.breakdown[props.breakdown]
  const headingId = `breakdown-${props.breakdown}`
  return (
    <section aria-labelledby={headingId} className="panel breakdown">
      <h3 id={headingId}>{title}</h3>
      {buckets.length === 0 ? (
        <p className="muted">{t.app.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{d.bucket}</th>
              <th scope="col">{d.people}</th>
              <th scope="col">{d.share}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map(([bucket, n]) => {
              const label = bucketLabel(t.reach, language, props.breakdown, bucket)
              const share = total > 0 ? n / total : 0
              return (
                <tr key={bucket}>
                  <th scope="row">{label}</th>
                  <td className="number">
                    <Link
                      to="/projects/$projectId/explorer"
                      params={{ projectId: props.projectId }}
                      search={{ indicator: props.breakdown, bucket, asOf: props.asOf }}
                      aria-label={d.showPeople(`${title} · ${label}`, formatNumber(n))}
                    >
                      {formatNumber(n)}
                    </Link>
                  </td>
                  <td>
                    <div className="bar" aria-hidden="true">
                      <div className="bar-fill" style={{ width: `${share * 100}%` }} />
                    </div>
                    <span className="bar-value">
                      {formatNumber(share, { style: "percent", maximumFractionDigits: 0 })}
                    </span>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
