import type { AgreementEvent } from "@coordina/domain"
import { Instant } from "@/components/Instant.js"
import { useLabels } from "@/components/agreements/Shared.js"
import { useI18n } from "@/i18n/I18n.js"

/** The agreement's history, oldest first: what happened, when it was recorded, by whom, and the details. */
export const Timeline = ({
  events,
  procedureId,
}: {
  events: ReadonlyArray<AgreementEvent>
  procedureId: string
}) => {
  const { t } = useI18n()
  const tc = t.agreements.case
  const ordered = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return (
    <ol className="timeline" aria-label={tc.timelineCaption}>
      {ordered.map((e, i) => (
        <li key={`${e.type}-${e.at}-${i}`} className={`timeline-item event-${e.type}`} data-event={e.type}>
          <p className="timeline-what">
            <strong>{t.agreements.event[e.type]}</strong>
          </p>
          <p className="timeline-meta muted">
            <span>
              {tc.when}: <Instant at={e.at} />
            </span>
            {" · "}
            <span>
              {tc.who}: {e.by}
            </span>
          </p>
          <EventDetails event={e} procedureId={procedureId} />
        </li>
      ))}
    </ol>
  )
}

const EventDetails = ({ event, procedureId }: { event: AgreementEvent; procedureId: string }) => {
  const { t, formatDate } = useI18n()
  const tc = t.agreements.case
  const labels = useLabels()
  const rows: Array<[string, string]> = []
  switch (event.type) {
    case "intent_declared":
      rows.push(
        [tc.intentDate, formatDate(event.data.intentDate)],
        [tc.procedure, labels.procedure(event.data.procedureId)],
      )
      if (event.data.intentDeadline)
        rows.push([
          tc.intentDeadline,
          `${formatDate(event.data.intentDeadline)} (${event.data.intentLate ? tc.intentLate : tc.intentOnTime})`,
        ])
      break
    case "matched":
      rows.push(
        [tc.municipality, labels.institution(event.data.municipalityId)],
        [t.agreements.form.date, formatDate(event.data.date)],
      )
      break
    case "concluded":
      rows.push(
        [tc.concludedOn, formatDate(event.data.date)],
        [tc.signedBy, event.data.signedBy],
        [tc.term, `${formatDate(event.data.startDate)} – ${formatDate(event.data.endDate)}`],
      )
      break
    case "extended":
      rows.push(
        [t.agreements.form.date, formatDate(event.data.date)],
        [tc.termEnds, formatDate(event.data.endDate)],
      )
      break
    case "terminated":
      rows.push(
        [tc.terminated, formatDate(event.data.date)],
        [tc.ground, labels.code(event.data.ground, procedureId)],
        [tc.initiator, event.data.initiator],
      )
      break
    case "closed":
      rows.push([tc.closedOn, formatDate(event.data.date)], [tc.reason, event.data.reason])
      break
  }
  return (
    <dl className="timeline-details" aria-label={tc.why}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}
