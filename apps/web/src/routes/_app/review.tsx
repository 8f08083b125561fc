import type { Review } from "@coordina/domain"
import { bottleneckOf, findPlanningRegion, findProvince, IsoDate, ReviewGroupBy } from "@coordina/domain"
import { useSuspenseQuery } from "@tanstack/react-query"
import { createFileRoute, useNavigate } from "@tanstack/react-router"
import { Schema } from "effect"
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import { reviewQuery } from "../../api/agreements.js"
import { Panel } from "../../components/agreements/Fields.js"
import { SelectField, TextInput } from "../../components/Fields.js"
import { useLabels } from "../../components/agreements/Shared.js"
import { ensureToday, useTodayDate } from "../../api/today.js"
import { useI18n } from "../../i18n/I18n.js"

const ReviewSearch = Schema.Struct({
  groupBy: Schema.optional(ReviewGroupBy),
  group: Schema.optional(Schema.String),
  asOf: Schema.optional(IsoDate),
})

export const Route = createFileRoute("/_app/review")({
  validateSearch: Schema.standardSchemaV1(ReviewSearch),
  loaderDeps: ({ search }) => ({ groupBy: search.groupBy ?? "procedure", asOf: search.asOf }),
  loader: async ({ context, deps }) =>
    context.queryClient.ensureQueryData(
      reviewQuery(deps.groupBy, deps.asOf ?? (await ensureToday(context.queryClient)).date),
    ),
  component: ReviewPage,
})

type Group = Review["total"]
type FunnelKey = keyof Group["funnel"]

/** The steps an agreement goes through, in order; the chart shows how many reached each. */
const progression: ReadonlyArray<FunnelKey> = ["intents", "matched", "concluded", "extended", "expired"]
/** The steps where a drop means the procedure stalls (later steps depend on time passing). */
const allSteps: ReadonlyArray<FunnelKey> = [
  "intents",
  "matched",
  "concluded",
  "extended",
  "terminated",
  "expired",
  "closed",
]

function ReviewPage() {
  const { t, language, formatNumber } = useI18n()
  const tr = t.agreements.review
  const search = Route.useSearch()
  const groupBy = search.groupBy ?? "procedure"
  const navigate = useNavigate({ from: Route.fullPath })
  const labels = useLabels()
  const today = useTodayDate()
  const { data: review } = useSuspenseQuery(reviewQuery(groupBy, search.asOf ?? today))

  const groupLabel = (key: string): string => {
    if (key === "total") return tr.total
    if (key === "unassigned") return tr.unassigned
    if (key === "unknown" || key === "none") return tr.unknown
    switch (groupBy) {
      case "procedure":
        return labels.procedure(key)
      case "planningRegion": {
        const r = findPlanningRegion(key)
        return r ? (language === "bg" ? r.nameBg : r.nameEn) : key
      }
      case "province": {
        const p = findProvince(key)
        return p ? (language === "bg" ? p.nameBg : p.nameEn) : key
      }
      case "municipality":
        return labels.institution(key)
    }
  }

  const selected = review.groups.find((g) => g.key === search.group) ?? review.total
  const selectedLabel = groupLabel(selected.key)
  const bottleneck = bottleneckOf(selected.funnel)
  const percent = (n: number | null) =>
    n === null ? tr.none : formatNumber(n, { style: "percent", maximumFractionDigits: 1 })
  const days = (n: number | null) => (n === null ? tr.none : formatNumber(n, { maximumFractionDigits: 1 }))
  const chartData = progression.map((step) => ({
    step: tr.funnelStep[step],
    key: step,
    count: selected.funnel[step],
  }))

  return (
    <section className="review">
      <h1>{tr.title}</h1>
      <p className="muted">{tr.intro}</p>
      <div className="filters">
        <SelectField
          label={tr.groupBy}
          value={groupBy}
          onChange={(v) =>
            void navigate({
              search: (prev) => ({ ...prev, groupBy: v as ReviewGroupBy, group: undefined }),
            })
          }
          options={ReviewGroupBy.literals.map((g) => ({ id: g, label: tr.groupByOption[g] }))}
        />
        <SelectField
          label={tr.group}
          value={search.group ?? "total"}
          onChange={(v) =>
            void navigate({
              search: (prev) => ({ ...prev, group: v === "total" || v === "" ? undefined : v }),
            })
          }
          options={[
            { id: "total", label: tr.allGroups },
            ...review.groups.map((g) => ({ id: g.key, label: groupLabel(g.key) })),
          ]}
        />
        <TextInput
          label={tr.asOf}
          type="date"
          value={review.asOf}
          onChange={(v) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(v))
              void navigate({ search: (prev) => ({ ...prev, asOf: v as IsoDate }) })
          }}
        />
      </div>

      <Panel title={`${tr.funnel}: ${selectedLabel}`} id="funnel">
        <p className={bottleneck ? "bottleneck" : "muted"} role="status" data-testid="bottleneck">
          {bottleneck
            ? tr.bottleneck(
                tr.funnelStep[bottleneck.from],
                tr.funnelStep[bottleneck.to],
                percent(bottleneck.share),
              )
            : tr.noBottleneck}
        </p>
        <figure className="chart" aria-label={tr.chartLabel(selectedLabel)}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={chartData} layout="vertical" margin={{ left: 24, right: 48 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="step" width={190} />
              <Tooltip />
              <Bar dataKey="count" name={tr.count} isAnimationActive={false}>
                {chartData.map((d) => (
                  <Cell key={d.key} fill={bottleneck?.to === d.key ? "#c62828" : "#1f5f8b"} />
                ))}
                <LabelList dataKey="count" position="right" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <table className="table narrow" aria-label={tr.funnelCaption}>
          <thead>
            <tr>
              <th scope="col">{tr.step}</th>
              <th scope="col" className="number">
                {tr.count}
              </th>
              <th scope="col" className="number">
                {tr.share}
              </th>
            </tr>
          </thead>
          <tbody>
            {allSteps.map((step, i) => {
              const prev = i > 0 && i <= 3 ? selected.funnel[allSteps[i - 1] as FunnelKey] : undefined
              return (
                <tr key={step} className={bottleneck?.to === step ? "bottleneck-row" : undefined}>
                  <th scope="row">{tr.funnelStep[step]}</th>
                  <td className="number">{formatNumber(selected.funnel[step])}</td>
                  <td className="number">
                    {prev === undefined ? "" : percent(prev === 0 ? null : selected.funnel[step] / prev)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </Panel>

      <Panel title={tr.figures} id="figures">
        <div className="table-scroll">
          <table className="table" aria-label={tr.figures}>
            <thead>
              <tr>
                <th scope="col">{tr.groupByOption[groupBy]}</th>
                <th scope="col" className="number">
                  {tr.funnelStep.intents}
                </th>
                <th scope="col" className="number">
                  {tr.funnelStep.matched}
                </th>
                <th scope="col" className="number">
                  {tr.funnelStep.concluded}
                </th>
                <th scope="col" className="number">
                  {tr.lateIntents}
                </th>
                <th scope="col" className="number">
                  {tr.lateShare}
                </th>
                <th scope="col" className="number">
                  {tr.offerCount}
                </th>
                <th scope="col" className="number">
                  {tr.capacity}
                </th>
                <th scope="col" className="number">
                  {tr.uptake}
                </th>
                <th scope="col" className="number">
                  {tr.overdueTasks}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...review.groups, review.total].map((g) => (
                <tr key={g.key} className={g.key === "total" ? "total-row" : undefined}>
                  <th scope="row">{groupLabel(g.key)}</th>
                  <td className="number">{formatNumber(g.funnel.intents)}</td>
                  <td className="number">{formatNumber(g.funnel.matched)}</td>
                  <td className="number">{formatNumber(g.funnel.concluded)}</td>
                  <td className="number">{formatNumber(g.lateIntents)}</td>
                  <td className="number">{percent(g.lateIntentShare)}</td>
                  <td className="number">{formatNumber(g.offers.count)}</td>
                  <td className="number">{formatNumber(g.offers.capacity)}</td>
                  <td className="number">{percent(g.offers.uptake)}</td>
                  <td className="number">{formatNumber(g.overdueTasks.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="review-grid">
        <Panel title={`${tr.medianDays}: ${selectedLabel}`} id="median">
          <table className="table narrow" aria-label={tr.medianDays}>
            <tbody>
              {(Object.keys(tr.median) as Array<keyof typeof tr.median>).map((k) => (
                <tr key={k}>
                  <th scope="row">{tr.median[k]}</th>
                  <td className="number">{days(selected.medianDays[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>

        <Panel title={`${tr.grounds}: ${selectedLabel}`} id="grounds">
          <CountTable
            caption={tr.grounds}
            head={tr.ground}
            rows={Object.entries(selected.terminationGrounds).map(([k, n]) => [labels.code(k), n])}
          />
        </Panel>

        <Panel title={`${tr.overdueTasks}: ${selectedLabel}`} id="overdue">
          <CountTable
            caption={tr.overdueTasks}
            head={tr.institution}
            rows={Object.entries(selected.overdueTasks.byInstitution).map(([k, n]) => [
              labels.institution(k),
              n,
            ])}
          />
        </Panel>
      </div>

      <Panel title={`${tr.measures}: ${selectedLabel}`} id="measures">
        {Object.keys(selected.measures).length === 0 ? (
          <p className="muted">{tr.none}</p>
        ) : (
          <table className="table" aria-label={tr.measures}>
            <thead>
              <tr>
                <th scope="col">{tr.area}</th>
                {(["planned", "in_progress", "done", "missed", "cancelled"] as const).map((s) => (
                  <th scope="col" key={s} className="number">
                    {t.agreements.measureStatus[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(selected.measures).map(([area, m]) => (
                <tr key={area}>
                  <th scope="row">{labels.code(area)}</th>
                  <td className="number">{formatNumber(m.planned)}</td>
                  <td className="number">{formatNumber(m.in_progress)}</td>
                  <td className="number">{formatNumber(m.done)}</td>
                  <td className={`number${m.missed > 0 ? " error" : ""}`}>{formatNumber(m.missed)}</td>
                  <td className="number">{formatNumber(m.cancelled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </section>
  )
}

const CountTable = ({
  caption,
  head,
  rows,
}: {
  caption: string
  head: string
  rows: ReadonlyArray<readonly [string, number]>
}) => {
  const { t, formatNumber } = useI18n()
  if (rows.length === 0) return <p className="muted">{t.agreements.review.none}</p>
  return (
    <table className="table narrow" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="number">
            {t.agreements.review.count}
          </th>
        </tr>
      </thead>
      <tbody>
        {[...rows]
          .sort((a, b) => b[1] - a[1])
          .map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="number">{formatNumber(n)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  )
}
