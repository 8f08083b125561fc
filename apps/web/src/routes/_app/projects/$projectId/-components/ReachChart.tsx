import type { ReachSeries } from "@coordina/domain"
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import { useI18n } from "@/i18n/I18n.js"

type Indicator = "direct" | "indirect" | "total"

/**
 * One indicator over time next to the line the target expects (target × elapsed share), with
 * the target itself as a reference line. The figures are also in a table for screen readers.
 */
export const ReachChart = (props: {
  readonly series: ReachSeries
  readonly indicator: Indicator
  readonly target: number | undefined
  readonly title: string
}) => {
  const { t, formatDate, formatNumber } = useI18n()
  const d = t.reach.dashboard
  const data = props.series.points.map((p) => ({
    asOf: p.asOf,
    achieved: p[props.indicator],
    expected: p.expected[props.indicator] ?? null,
  }))
  const short = (iso: string) => formatDate(iso).replace(/^\d+\s/, "")
  const id = `chart-${props.indicator}`
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{d.chart(props.title)}</figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#d8dee6" />
            <XAxis dataKey="asOf" tickFormatter={short} minTickGap={24} />
            <YAxis allowDecimals={false} tickFormatter={(n: number) => formatNumber(n)} />
            <Tooltip
              labelFormatter={(label) => formatDate(String(label))}
              formatter={(value) => formatNumber(Number(value), { maximumFractionDigits: 0 })}
            />
            <Legend />
            {props.target !== undefined && (
              <ReferenceLine
                y={props.target}
                stroke="#b26a00"
                strokeDasharray="6 3"
                label={{ value: `${d.chartTarget} ${formatNumber(props.target)}`, position: "insideTopLeft" }}
              />
            )}
            <Line
              type="monotone"
              dataKey="expected"
              name={d.chartExpected}
              stroke="#5b6675"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="stepAfter"
              dataKey="achieved"
              name={d.chartAchieved}
              stroke="#1f5f8b"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{d.chart(props.title)}</summary>
        <table className="table narrow">
          <thead>
            <tr>
              <th scope="col">{d.asOf}</th>
              <th scope="col">{d.chartAchieved}</th>
              <th scope="col">{d.chartExpected}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.asOf}>
                <td>{formatDate(p.asOf)}</td>
                <td className="number">{formatNumber(p.achieved)}</td>
                <td className="number">
                  {p.expected === null ? "" : formatNumber(p.expected, { maximumFractionDigits: 0 })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
