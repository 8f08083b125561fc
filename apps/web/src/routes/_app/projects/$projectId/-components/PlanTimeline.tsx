import { type ActivityView, isoDate, maxDate, minDate } from "@coordina/domain"
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import { useI18n } from "@/i18n/I18n.js"

const dayMs = 86_400_000
/** A date as a day number, so the chart's axis is linear in days. */
const day = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / dayMs)
const isoOf = (n: number): string => new Date(n * dayMs).toISOString().slice(0, 10)

const colours = { planned: "#9fb7cc", actual: "#1f5f8b", outside: "#b3261e", period: "#e4eef7" }

/**
 * The plan as a timeline: each activity's planned and actual spans (an activity under way runs
 * to today, cut at the later of its planned end and the project's end) against the shaded
 * project period. Activities the server flags as outside the project period are drawn in the
 * warning colour; the figures are in the table beside it.
 */
export const PlanTimeline = (props: {
  readonly activities: ReadonlyArray<ActivityView>
  readonly projectStart: string
  readonly projectEnd: string
  readonly today: string
}) => {
  const { t, formatDate } = useI18n()
  const p = t.reports.plan
  const data = props.activities.map((a) => {
    // An activity under way is drawn up to today, but no further than the later of its planned
    // end and the project's end: the table says it is still under way.
    const horizon = maxDate(isoDate(props.projectEnd), a.plannedEnd)
    const actualEnd =
      a.actualEnd ??
      (a.actualStart ? maxDate(a.actualStart, minDate(isoDate(props.today), horizon)) : undefined)
    return {
      code: a.code,
      title: a.title,
      outside: a.outsideProjectPeriod,
      planned: [day(a.plannedStart), day(a.plannedEnd) + 1] as const,
      actual: a.actualStart && actualEnd ? ([day(a.actualStart), day(actualEnd) + 1] as const) : null,
    }
  })
  const all = data.flatMap((d) => [...d.planned, ...(d.actual ?? [])])
  const start = Math.min(day(props.projectStart), ...all) - 15
  const end = Math.max(day(props.projectEnd) + 1, ...all) + 15
  const span = (value: unknown): string =>
    Array.isArray(value) && value.length === 2
      ? `${formatDate(isoOf(Number(value[0])))} – ${formatDate(isoOf(Number(value[1]) - 1))}`
      : ""
  const height = 60 + data.length * 44
  return (
    <figure className="chart timeline" aria-labelledby="plan-timeline" data-testid="plan-timeline">
      <figcaption id="plan-timeline">{p.timeline}</figcaption>
      <div className="chart-area" style={{ height }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 10, right: 20, bottom: 5, left: 10 }}
            barGap={2}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" horizontal={false} />
            <ReferenceArea
              x1={day(props.projectStart)}
              x2={day(props.projectEnd) + 1}
              fill={colours.period}
              fillOpacity={0.8}
              label={{ value: p.projectPeriod, position: "insideTop" }}
            />
            <XAxis
              type="number"
              domain={[start, end]}
              tickFormatter={(n: number) => formatDate(isoOf(n)).replace(/^\d+\s/, "")}
              minTickGap={30}
            />
            <YAxis type="category" dataKey="code" width={48} />
            <Tooltip
              labelFormatter={(code, payload) => `${code} ${payload?.[0]?.payload?.title ?? ""}`}
              formatter={(value, name) => [span(value), name]}
            />
            <Legend />
            <Bar dataKey="planned" name={p.planned} fill={colours.planned} isAnimationActive={false}>
              {data.map((d) => (
                <Cell
                  key={d.code}
                  fill={colours.planned}
                  {...(d.outside ? { stroke: colours.outside, strokeWidth: 2 } : {})}
                />
              ))}
            </Bar>
            <Bar dataKey="actual" name={p.actual} fill={colours.actual} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.code} fill={d.outside ? colours.outside : colours.actual} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
