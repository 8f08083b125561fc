/**
 * Demo data for the agreements side: a clearly synthetic set of beneficiaries ("Demo
 * Beneficiary NN"), intents under both rule sets, almost no municipal offers and very few
 * agreements concluded, across several municipalities: the bottleneck public sources
 * describe. Every step goes through the domain's commands, so histories replay.
 * @module
 */
import {
  acceptTask,
  type Agreement,
  type AgreementEvent,
  type AgreementId,
  BeneficiaryPersonal,
  close,
  completeTask,
  conclude,
  declareIntent,
  extend,
  governingRuleSet,
  type InstitutionId,
  isoDate,
  addDays,
  match,
  measureAfterTask,
  movePlace,
  NewBeneficiary,
  NewInstitution,
  NewMeasure,
  NewMunicipalOffer,
  type ProtectionStatusKind,
  placeMove,
  planChanges,
  pseudonymFromBytes,
  rejectTask,
  terminate,
} from "@coordina/domain"
import {
  AgreementsRepository,
  BeneficiariesRepository,
  CoordinationTasksRepository,
  InstitutionsRepository,
  IntegrationPlansRepository,
  MunicipalOffersRepository,
  newId,
} from "@coordina/store"
import { Effect, Either } from "effect"

const by = "demo"
const at = "2020-12-31T00:00:00.000Z"
const recorded = { at, by }

const institution = (input: ConstructorParameters<typeof NewInstitution>[0]) =>
  Effect.gen(function* () {
    const repo = yield* InstitutionsRepository
    const found = (yield* repo.findByName(input.name))[0]
    if (found) return found.id
    return (yield* repo.create(new NewInstitution(input))).id
  })

const municipality = (name: string, province: string) =>
  institution({ name, kind: "municipality", level: "local", country: "BG", province: province as never })

const statusKinds: ReadonlyArray<ProtectionStatusKind> = [
  "refugee",
  "humanitarian",
  "refugee",
  "refugee",
  "humanitarian",
]
/** Days from the status decision to the intent: most within the 14-day limit, some late. */
const intentDelays = [3, 9, 12, 20, 6, 14, 35, 2, 11, 60, 7, 13]

/** Loads the agreements demo unless the database already holds an agreement; says whether it did. */
export const loadAgreementsDemo = Effect.gen(function* () {
  const agreements = yield* AgreementsRepository
  if ((yield* agreements.list({ asOf: "2030-01-01", limit: 1 })).items.length > 0) return false
  const beneficiaries = yield* BeneficiariesRepository
  const offers = yield* MunicipalOffersRepository
  const plans = yield* IntegrationPlansRepository
  const tasks = yield* CoordinationTasksRepository

  const sofia = yield* municipality("Столична община", "BG411")
  const harmanli = yield* municipality("Община Харманли", "BG422")
  yield* municipality("Община Пловдив", "BG421")
  yield* municipality("Община Варна", "BG331")
  yield* municipality("Община Бургас", "BG341")
  yield* municipality("Община Русе", "BG323")
  const sar = yield* institution({
    name: "Държавна агенция за бежанците при Министерския съвет",
    kind: "state_authority",
    level: "central",
    country: "BG",
  })
  const labour = yield* institution({
    name: "Дирекция „Бюро по труда“ – София (демо)",
    kind: "state_authority",
    level: "regional",
    country: "BG",
    province: "BG411",
  })
  const health = yield* institution({
    name: "Районна здравноосигурителна каса – София (демо)",
    kind: "public_institution",
    level: "regional",
    country: "BG",
    province: "BG411",
  })

  /** Registers a synthetic beneficiary and declares the intent. */
  const intent = (n: number, statusDecisionDate: string) =>
    Effect.gen(function* () {
      const b = yield* beneficiaries.create(
        newId("bnf"),
        new NewBeneficiary({
          statusKind: statusKinds[n % statusKinds.length]!,
          statusDecisionDate: isoDate(statusDecisionDate),
          familyMembers: n % 4,
          personal: new BeneficiaryPersonal({
            givenName: "Demo",
            familyName: `Beneficiary ${String(n).padStart(2, "0")}`,
          }),
        }),
        // Demo records get pseudonyms counted from their number, never drawn at random.
        pseudonymFromBytes([0, 0, 0, (n >> 8) & 255, n & 255]),
      )
      const intentDate = addDays(b.statusDecisionDate, intentDelays[n % intentDelays.length]!)
      const event = Either.getOrThrow(
        declareIntent({ ...recorded, agreementId: newId("agr") as AgreementId, beneficiary: b, intentDate }),
      )
      return yield* agreements.create(event)
    })

  /** One action through the domain; the places on offers follow its `placeMove`, as in the API. */
  const step = <E>(id: string, decide: (current: Agreement) => Effect.Effect<AgreementEvent, E>) =>
    agreements.act(id, undefined, (current) =>
      Effect.gen(function* () {
        const event = yield* decide(current)
        const move = placeMove(current, event)
        if (move) {
          const offer = yield* offers.get(move.offerId)
          yield* offers.setTaken(offer.id, yield* movePlace(offer, move.move))
        }
        return event
      }),
    )

  const matchTo = (id: string, offerId: string, date: string) =>
    step(id, (current) =>
      Effect.flatMap(offers.get(offerId), (offer) =>
        match(current, { ...recorded, offer, date: isoDate(date) }),
      ),
    )

  // Under the 2016 ordinance: six intents, one offer, one agreement, ended for unfulfilled measures.
  const old = []
  for (let n = 1; n <= 6; n++)
    old.push(
      yield* intent(
        n,
        `2016-${String(8 + Math.ceil(n / 2)).padStart(2, "0")}-${String(5 + n * 3).padStart(2, "0")}`,
      ),
    )
  const offer2016 = yield* offers.create(
    newId("off"),
    new NewMunicipalOffer({
      municipalityId: harmanli as InstitutionId,
      date: isoDate("2016-11-01"),
      capacity: 1,
      plannedAreas: ["housing", "bulgarian_language"],
    }),
  )
  yield* matchTo(old[0]!.id, offer2016.id, "2016-11-20")
  yield* step(old[0]!.id, (c) =>
    conclude(c, { ...recorded, date: isoDate("2016-12-05"), signedBy: "Кмет на община Харманли" }),
  )
  yield* step(old[0]!.id, (c) =>
    terminate(c, {
      ...recorded,
      ground: "plan_measures_not_fulfilled",
      date: isoDate("2017-03-10"),
      initiator: "mayor",
    }),
  )
  for (const a of old.slice(1, 4))
    yield* step(a.id, (c) =>
      close(c, {
        ...recorded,
        date: isoDate("2017-03-31"),
        reason: "Ordinance repealed; no municipal offer",
      }),
    )

  // Under the 2017 ordinance: forty-two intents over three years, two offers, three matches,
  // two agreements concluded; most intents lapse without an offer.
  const recent = []
  for (let n = 7; n <= 48; n++) {
    const day = (n * 23) % 28
    const month = (n * 5) % 12
    const year = 2017 + Math.floor((n - 7) / 14)
    const decision = `${year}-${String(month + 1).padStart(2, "0")}-${String(day + 1).padStart(2, "0")}`
    recent.push(
      yield* intent(n, decision < "2017-07-25" ? `2017-08-${String(day + 1).padStart(2, "0")}` : decision),
    )
  }
  const offerSofia = yield* offers.create(
    newId("off"),
    new NewMunicipalOffer({
      municipalityId: sofia as InstitutionId,
      date: isoDate("2018-03-01"),
      capacity: 2,
      plannedAreas: ["housing", "bulgarian_language", "employment", "health"],
      note: "Synthetic demo offer",
    }),
  )
  const offerHarmanli = yield* offers.create(
    newId("off"),
    new NewMunicipalOffer({
      municipalityId: harmanli as InstitutionId,
      date: isoDate("2019-05-15"),
      capacity: 1,
      plannedAreas: ["housing"],
    }),
  )
  const [first, refused, second, third] = [...recent]
    .sort((a, b) => (a.intentDate < b.intentDate ? -1 : 1))
    .filter((a) => a.intentDate >= "2018-01-01")
  // First: concluded in Sofia, extended once, with a plan whose tasks are answered.
  yield* matchTo(first!.id, offerSofia.id, "2018-04-02")
  const active = yield* step(first!.id, (c) =>
    conclude(c, {
      ...recorded,
      date: isoDate("2018-05-02"),
      signedBy: "Упълномощено длъжностно лице, Столична община",
    }),
  )
  const wanted = [
    new NewMeasure({
      area: "housing",
      responsibleInstitutionId: sofia as InstitutionId,
      dueDate: isoDate("2018-06-29"),
    }),
    new NewMeasure({
      area: "bulgarian_language",
      responsibleInstitutionId: sar as InstitutionId,
      dueDate: isoDate("2018-11-30"),
    }),
    new NewMeasure({
      area: "employment",
      responsibleInstitutionId: labour as InstitutionId,
      dueDate: isoDate("2018-07-31"),
    }),
    new NewMeasure({
      area: "health",
      responsibleInstitutionId: health as InstitutionId,
      dueDate: isoDate("2018-06-15"),
      note: "GP registration",
    }),
  ]
  const ruleSet = governingRuleSet(active)
  const changes = Either.getOrThrow(planChanges(active, isoDate("2018-05-02"), ruleSet, [], wanted))
  yield* plans.apply(
    active,
    changes,
    wanted,
    isoDate("2018-05-02"),
    ruleSet,
    changes.added.map(() => ({ measureId: newId("mea"), taskId: newId("tsk") })),
  )
  yield* agreements.bumpPlanVersion(active.id, undefined)
  const opened = yield* tasks.forAgreement(active.id)
  const answer = (
    i: number,
    decide: (t: (typeof opened)[number]) => Either.Either<(typeof opened)[number], unknown>,
  ) =>
    Effect.gen(function* () {
      const t = yield* tasks.get(opened[i]!.id)
      const next = Either.getOrThrow(decide(t))
      yield* tasks.save(next, t.version)
      const m = yield* plans.measure(t.measureId)
      if (m) yield* plans.saveMeasure(measureAfterTask(m, next))
    })
  yield* answer(0, (t) => acceptTask(t, isoDate("2018-05-07")))
  yield* answer(0, (t) => completeTask(t, "Municipal flat allocated (synthetic)", isoDate("2018-06-20")))
  yield* answer(1, (t) => acceptTask(t, isoDate("2018-05-10")))
  yield* answer(1, (t) => completeTask(t, "A1 course completed (synthetic)", isoDate("2018-11-20")))
  yield* answer(2, (t) => acceptTask(t, isoDate("2018-05-20")))
  yield* answer(3, (t) => rejectTask(t, "Needs a personal number first (synthetic)", isoDate("2018-05-25")))
  yield* step(first!.id, (c) => extend(c, { ...recorded, date: isoDate("2019-04-15") }))
  // Refused: matched in Sofia, then the person moved on; the place came back.
  yield* matchTo(refused!.id, offerSofia.id, "2018-06-01")
  yield* step(refused!.id, (c) =>
    close(c, { ...recorded, date: isoDate("2018-06-20"), reason: "Beneficiary left Bulgaria (synthetic)" }),
  )
  // Second: takes the freed place and is concluded; third: matched in Harmanli, never concluded.
  yield* matchTo(second!.id, offerSofia.id, "2018-09-03")
  yield* step(second!.id, (c) =>
    conclude(c, { ...recorded, date: isoDate("2018-10-01"), signedBy: "Кмет на Столична община" }),
  )
  yield* matchTo(third!.id, offerHarmanli.id, "2019-06-03")
  // Intents older than six months with no offer lapse.
  for (const a of recent)
    if (
      a.state === "intent_declared" &&
      ![first, refused, second, third].some((x) => x?.id === a.id) &&
      a.intentDate < "2019-06-30"
    )
      yield* step(a.id, (c) =>
        close(c, {
          ...recorded,
          date: addDays(c.intentDate, 183),
          reason: "Lapsed: no municipal offer within six months",
        }),
      )
  return true
})
