/**
 * A deterministic, synthetic data set of the agreements side, for the review's tests and its
 * benchmark: municipalities, beneficiaries, few municipal offers, agreements at every step,
 * plan measures and coordination tasks, written with multi-row INSERTs in one transaction.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import {
  addDays,
  endOfPeriod,
  fromDayNumber,
  intentDeadline,
  isoDate,
  type IsoDate,
  ordinance2016,
  ordinance2017,
  planningRegions,
  type ReviewAgreementRow,
  type ReviewMeasureRow,
  type ReviewOfferRow,
  type ReviewTaskRow,
  toDayNumber,
} from "@coordina/domain"
import { Effect } from "effect"

/** How big a data set to make. */
export interface DataSize {
  readonly agreements: number
  readonly measuresPerAgreement: number
  readonly tasksPerAgreement: number
  readonly municipalities: number
  readonly seed: number
  /** Where agreement numbering starts, when the data set is made in batches. */
  readonly offset?: number
  /** The municipalities and offers of an earlier batch, to reuse instead of making new ones. */
  readonly base?: Pick<AgreementsData, "institutions" | "offers">
  /** How many offers to make (default: one per 200 agreements). */
  readonly offers?: number
}

/** A small pseudo-random generator (mulberry32): the same seed gives the same data. */
const random = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const areas = ordinance2017.planAreas
const statuses = ["planned", "in_progress", "done", "missed"] as const

/** Rows as they are stored, plus the review's view of them. */
export interface AgreementsData {
  readonly institutions: ReadonlyArray<{ id: string; planningRegion: string; province: string }>
  readonly offers: ReadonlyArray<ReviewOfferRow & { id: string }>
  readonly agreements: ReadonlyArray<
    ReviewAgreementRow & { id: string; offerId: string | null; state: string }
  >
  readonly measures: ReadonlyArray<ReviewMeasureRow & { id: string; agreementId: string }>
  readonly tasks: ReadonlyArray<
    ReviewTaskRow & { id: string; agreementId: string; measureId: string; status: string }
  >
}

const pad = (n: number) => n.toString(36).padStart(8, "0")

/** Generates the data set. */
export const generate = (size: DataSize): AgreementsData => {
  const rnd = random(size.seed)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
  const provinces = planningRegions.flatMap((r) =>
    r.provinces.map((p) => ({ region: r.code, province: p.code })),
  )
  const institutions =
    size.base?.institutions ??
    Array.from({ length: size.municipalities }, (_, i) => {
      const p = pick(provinces)
      return { id: `ins_${pad(i)}`, planningRegion: p.region, province: p.province }
    })
  // Few offers: the bottleneck public sources describe.
  const offers =
    size.base?.offers ??
    Array.from({ length: size.offers ?? Math.max(1, Math.floor(size.agreements / 200)) }, (_, i) => ({
      id: `off_${pad(i)}`,
      municipalityId: pick(institutions).id,
      date: fromDayNumber(toDayNumber(isoDate("2017-08-01")) + Math.floor(rnd() * 1200)),
      capacity: 1 + Math.floor(rnd() * 5),
    }))
  const agreements: Array<AgreementsData["agreements"][number]> = []
  const measures: Array<AgreementsData["measures"][number]> = []
  const tasks: Array<AgreementsData["tasks"][number]> = []
  const start2016 = toDayNumber(ordinance2016.inForceFrom)
  const start2017 = toDayNumber(ordinance2017.inForceFrom)
  const first = size.offset ?? 0
  for (let i = first; i < first + size.agreements; i++) {
    const old = rnd() < 0.1
    const ruleSet = old ? ordinance2016 : ordinance2017
    const intentDate = fromDayNumber(
      old ? start2016 + Math.floor(rnd() * 224) : start2017 + Math.floor(rnd() * 1250),
    )
    const statusDecisionDate = addDays(intentDate, -Math.floor(rnd() * 30))
    const deadline = intentDeadline(ruleSet, statusDecisionDate)
    const id = `agr_${pad(i)}`
    const offer = rnd() < 0.3 ? pick(offers) : undefined
    const matchedOn = offer ? addDays(intentDate, 5 + Math.floor(rnd() * 90)) : null
    const concludedOn = matchedOn && rnd() < 0.5 ? addDays(matchedOn, 3 + Math.floor(rnd() * 60)) : null
    let endDate: IsoDate | null = concludedOn ? endOfPeriod(concludedOn, ruleSet.termMonths) : null
    const extendedOn = concludedOn && rnd() < 0.3 ? addDays(concludedOn, 300) : null
    if (extendedOn && concludedOn)
      endDate = endOfPeriod(concludedOn, ruleSet.termMonths + ruleSet.extensionMonths)
    const terminatedOn =
      concludedOn && rnd() < 0.2 ? addDays(concludedOn, 30 + Math.floor(rnd() * 200)) : null
    const closedOn = !concludedOn && rnd() < 0.4 ? addDays(matchedOn ?? intentDate, 30) : null
    const state = terminatedOn
      ? "terminated"
      : concludedOn
        ? "active"
        : closedOn
          ? "closed"
          : matchedOn
            ? "matched"
            : "intent_declared"
    agreements.push({
      id,
      offerId: offer?.id ?? null,
      state,
      procedureId: ruleSet.id,
      municipalityId: offer?.municipalityId ?? null,
      statusDecisionDate,
      intentDate,
      intentLate: deadline !== undefined && intentDate > deadline,
      matchedOn,
      concludedOn,
      extendedOn,
      endDate,
      terminatedOn,
      terminationGround: terminatedOn ? pick(ruleSet.terminationGrounds) : null,
      closedOn,
    })
    const base = { procedureId: ruleSet.id, municipalityId: offer?.municipalityId ?? null, agreementId: id }
    for (let m = 0; m < size.measuresPerAgreement; m++) {
      const status = pick(statuses)
      const dueDate = addDays(intentDate, 30 + Math.floor(rnd() * 400))
      measures.push({
        ...base,
        id: `mea_${pad(i)}_${m}`,
        area: pick(areas),
        status,
        dueDate,
        doneOn: status === "done" ? addDays(dueDate, Math.floor(rnd() * 60) - 40) : null,
      })
    }
    for (let t = 0; t < size.tasksPerAgreement; t++) {
      const openedOn = addDays(intentDate, 10)
      const done = rnd() < 0.4
      tasks.push({
        ...base,
        id: `tsk_${pad(i)}_${t}`,
        measureId: `mea_${pad(i)}_${t}`,
        institutionId: pick(institutions).id,
        openedOn,
        dueDate: addDays(openedOn, 14 + Math.floor(rnd() * 200)),
        status: done ? "done" : pick(["open", "accepted", "rejected"]),
        doneOn: done ? addDays(openedOn, Math.floor(rnd() * 250)) : null,
      })
    }
  }
  return size.base
    ? { institutions: [], offers: [], agreements, measures, tasks }
    : { institutions, offers, agreements, measures, tasks }
}

/** Writes the data set with multi-row INSERTs, in one transaction. */
export const insertData = (data: AgreementsData) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const at = "2019-01-01T00:00:00.000Z"
    const write = <A>(
      table: string,
      rows: ReadonlyArray<A>,
      toRow: (a: A, i: number) => Record<string, unknown>,
    ) => {
      if (rows.length === 0) return Effect.void
      const perStatement = Math.floor(30_000 / Object.keys(toRow(rows[0]!, 0)).length)
      const starts = Array.from({ length: Math.ceil(rows.length / perStatement) }, (_, k) => k * perStatement)
      return Effect.forEach(
        starts,
        (start) =>
          sql`INSERT INTO ${sql(table)} ${sql.insert(rows.slice(start, start + perStatement).map((r, k) => toRow(r, start + k)))}`,
        { discard: true },
      )
    }
    yield* write("institutions", data.institutions, (i) => ({
      id: i.id,
      name: i.id,
      nameKey: i.id,
      kind: "municipality",
      level: "local",
      country: "BG",
      planningRegion: i.planningRegion,
      province: i.province,
      municipality: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    }))
    yield* write("municipal_offers", data.offers, (o) => ({
      id: o.id,
      municipalityId: o.municipalityId,
      offeredOn: o.date,
      capacity: o.capacity,
      taken: 0,
      plannedAreas: "[]",
      note: null,
      version: 1,
      createdAt: at,
    }))
    yield* write("beneficiaries", data.agreements, (a) => ({
      id: `bnf_${a.id}`,
      pseudonym: `BNF-${a.id.slice(4, 8).toUpperCase()}-${a.id.slice(8, 12).toUpperCase()}`,
      statusKind: "refugee",
      statusDecisionDate: a.statusDecisionDate,
      familyMembers: 0,
      createdAt: at,
    }))
    yield* write("agreements", data.agreements, (a) => ({
      id: a.id,
      beneficiaryId: `bnf_${a.id}`,
      procedureId: a.procedureId,
      state: a.state,
      statusDecisionDate: a.statusDecisionDate,
      intentDate: a.intentDate,
      intentDeadline: null,
      intentLate: a.intentLate ? 1 : 0,
      offerId: a.offerId,
      municipalityId: a.municipalityId ?? null,
      matchedOn: a.matchedOn ?? null,
      concludedOn: a.concludedOn ?? null,
      signedBy: null,
      startDate: a.concludedOn ?? null,
      endDate: a.endDate ?? null,
      extensions: a.extendedOn ? 1 : 0,
      extendedOn: a.extendedOn ?? null,
      terminatedOn: a.terminatedOn ?? null,
      terminationGround: a.terminationGround ?? null,
      initiator: null,
      closedOn: a.closedOn ?? null,
      closeReason: null,
      version: 1,
      planVersion: 0,
      createdAt: at,
      updatedAt: at,
    }))
    yield* write("plan_measures", data.measures, (m, i) => ({
      id: m.id,
      agreementId: m.agreementId,
      procedureId: m.procedureId,
      municipalityId: m.municipalityId ?? null,
      position: i % 100,
      area: m.area,
      responsibleInstitutionId: "ins_00000000",
      dueDate: m.dueDate,
      note: null,
      status: m.status,
      evidence: "[]",
      doneOn: m.doneOn ?? null,
    }))
    yield* write("coordination_tasks", data.tasks, (t) => ({
      id: t.id,
      agreementId: t.agreementId,
      measureId: t.measureId,
      procedureId: t.procedureId,
      municipalityId: t.municipalityId ?? null,
      institutionId: t.institutionId,
      area: "housing",
      openedOn: t.openedOn,
      dueDate: t.dueDate,
      status: t.status,
      acceptedOn: null,
      rejectedOn: null,
      reason: null,
      doneOn: t.doneOn ?? null,
      outcome: null,
      version: 1,
    }))
  }).pipe(
    (effect) => SqlClient.SqlClient.pipe(Effect.flatMap((sql) => sql.withTransaction(effect))),
    Effect.orDie,
  )
