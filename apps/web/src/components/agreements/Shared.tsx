/**
 * Pieces every page of the agreements feature uses: names of institutions and codes in the
 * current language, the problem box for refused actions, and time limits with days left.
 */
import { daysBetween, isoDate, type ProcedureRuleSet, planAreaLabels } from "@coordina/domain"
import { useQuery } from "@tanstack/react-query"
import { useCallback } from "react"
import { proceduresQuery } from "../../api/agreements.js"
import { ApiProblem } from "../../api/client.js"
import { institutionsQuery, useInstitutionNames } from "../../api/institutions.js"
import { useTodayDate } from "../../api/today.js"
import { ProblemErrors } from "../ProblemErrors.js"
import { useI18n } from "../../i18n/I18n.js"

/**
 * Labels in the current language: institution names (falling back to the id when the
 * institutions cannot be read), rule set titles, and grounds and plan areas from the rule sets.
 */
export const useLabels = () => {
  const { language, t } = useI18n()
  const institutions = useQuery({ ...institutionsQuery(), retry: false })
  const procedures = useQuery(proceduresQuery())
  const institution = useInstitutionNames()
  const code = useCallback(
    (c: string, procedureId?: string) => {
      const sets: ReadonlyArray<ProcedureRuleSet> = procedures.data ?? []
      const own =
        sets.find((p) => p.id === procedureId)?.labels[c] ?? sets.find((p) => p.labels[c])?.labels[c]
      return (own ?? planAreaLabels[c])?.[language] ?? c
    },
    [procedures.data, language],
  )
  const procedureTitle = useCallback(
    (id: string) => {
      const p = (procedures.data ?? []).find((r) => r.id === id)
      return p ? p.title[language] : id
    },
    [procedures.data, language],
  )
  // Lists and charts name a version by its year; the case page shows the full title.
  const procedure = useCallback(
    (id: string) => {
      const year = /^ordinance-(\d{4})$/.exec(id)?.[1]
      return year ? t.agreements.list.procedureShort(year) : procedureTitle(id)
    },
    [t, procedureTitle],
  )
  return {
    institution,
    code,
    procedure,
    procedureTitle,
    institutions: institutions.data ?? [],
    procedures: procedures.data ?? [],
  }
}

/** The refusal of an action, in words the user can act on, with the API's detail. */
export const ProblemBox = ({ error }: { error: unknown }) => {
  const { t, formatDate } = useI18n()
  const p = t.agreements.problem
  if (!error) return null
  if (!(error instanceof ApiProblem))
    return (
      <div role="alert" className="error-box">
        {error instanceof Error ? error.message : String(error)}
      </div>
    )
  const body = error.problem
  const code = error.text("code")
  const state = error.text("currentState")
  const earliest = error.text("earliest")
  const stateLabel = state && state in t.agreements.state ? t.agreements.state[state as "active"] : state
  const message =
    code === "IllegalTransition" && stateLabel
      ? p.IllegalTransition(stateLabel)
      : code === "DateOutOfOrder" && earliest
        ? p.DateOutOfOrder(formatDate(earliest))
        : code === "ExtensionLimitReached" ||
            code === "GroundNotInRuleSet" ||
            code === "NoCapacityLeft" ||
            code === "NoProcedureInForce"
          ? p[code]
          : error.status === 409 && error.extensions.currentVersion !== undefined
            ? p.stale
            : error.status === 403
              ? p.forbidden
              : undefined
  return (
    <div role="alert" className="error-box problem-box" data-status={error.status}>
      <strong>
        {p.title} ({error.status})
      </strong>
      {message && <p>{message}</p>}
      {body.detail && <p className="muted">{body.detail}</p>}
      <ProblemErrors errors={body.errors ?? []} />
    </div>
  )
}

/** A due date with the days left (from the API's today), or how late it is. */
export const DaysLeft = ({ date, done = false }: { date: string; done?: boolean }) => {
  const { t, formatDate } = useI18n()
  const n = daysBetween(useTodayDate(), isoDate(date))
  const tone = done ? "" : n < 0 ? "late" : n <= 7 ? "soon" : "ok"
  return (
    <span className={`due ${tone}`}>
      {formatDate(date)}
      {!done && (
        <span className="due-days">
          {" "}
          (
          {n > 0
            ? t.agreements.days.left(n)
            : n === 0
              ? t.agreements.days.today
              : t.agreements.days.overdue(-n)}
          )
        </span>
      )}
    </span>
  )
}

/** A state as a coloured badge. */
export const StateBadge = ({ state }: { state: string }) => {
  const { t } = useI18n()
  const label = state in t.agreements.state ? t.agreements.state[state as "active"] : state
  return (
    <span className={`badge state-${state}`} data-state={state}>
      {label}
    </span>
  )
}
