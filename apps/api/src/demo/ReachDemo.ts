/**
 * Reach demo data for the flagship project: institutions in all six planning regions, about
 * 340 representatives, the six regional workshops, three training seminars and the Sofia
 * conference with attendance, and dissemination activities.
 *
 * EVERYTHING HERE IS INVENTED. The event cities and kinds come from the project's public
 * facts; every date, name, email, attendance and count is synthetic, generated from a fixed
 * seed so each new demo database looks the same. No real person is meant.
 * @module
 */
import {
  addDays,
  type EventKind,
  type Gender,
  type InstitutionKind,
  type InstitutionLevel,
  type IsoDate,
  isoDate,
  NewDisseminationActivity,
  NewEvent,
  NewInstitution,
  NewParticipation,
  NewPerson,
  type ParticipationRole,
  type PlanningRegionCode,
  type ProvinceCode,
  datesInRange,
} from "@coordina/domain"
import {
  DisseminationRepository,
  EventsRepository,
  InstitutionsRepository,
  ParticipationsRepository,
  PeopleRepository,
} from "@coordina/store"
import { Effect } from "effect"

/** A small deterministic generator (LCG), so the invented data is the same every time. */
const seeded = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

interface DemoInstitution {
  readonly name: string
  readonly kind: InstitutionKind
  readonly level: InstitutionLevel
  readonly country?: string
  readonly region?: PlanningRegionCode
  readonly province?: ProvinceCode
}

const regional: ReadonlyArray<{
  region: PlanningRegionCode
  province: ProvinceCode
  town: string
  towns: ReadonlyArray<string>
}> = [
  { region: "BG31", province: "BG315", town: "Ловеч", towns: ["Ловеч", "Плевен", "Видин"] },
  { region: "BG32", province: "BG323", town: "Русе", towns: ["Русе", "Велико Търново", "Габрово"] },
  { region: "BG33", province: "BG333", town: "Шумен", towns: ["Шумен", "Варна", "Добрич"] },
  { region: "BG34", province: "BG341", town: "Бургас", towns: ["Бургас", "Сливен", "Стара Загора"] },
  { region: "BG41", province: "BG414", town: "Перник", towns: ["Перник", "Благоевград", "Кюстендил"] },
  { region: "BG42", province: "BG421", town: "Пловдив", towns: ["Пловдив", "Хасково", "Пазарджик"] },
]

const institutions: ReadonlyArray<DemoInstitution> = [
  ...regional.flatMap(
    (r): ReadonlyArray<DemoInstitution> => [
      {
        name: `Областна администрация ${r.town}`,
        kind: "regional_administration",
        level: "regional",
        region: r.region,
        province: r.province,
      },
      ...r.towns.map(
        (t): DemoInstitution => ({
          name: `Община ${t}`,
          kind: "municipality",
          level: "local",
          region: r.region,
        }),
      ),
      {
        name: `Дирекция „Социално подпомагане“ ${r.town}`,
        kind: "public_institution",
        level: "local",
        region: r.region,
      },
      { name: `Сдружение „Интеграция ${r.town}“ (demo)`, kind: "ngo", level: "local", region: r.region },
    ],
  ),
  {
    name: "Министерство на вътрешните работи",
    kind: "state_authority",
    level: "central",
    region: "BG41",
    province: "BG411",
  },
  {
    name: "Държавна агенция за бежанците",
    kind: "state_authority",
    level: "central",
    region: "BG41",
    province: "BG411",
  },
  {
    name: "Агенция за социално подпомагане",
    kind: "public_institution",
    level: "central",
    region: "BG41",
    province: "BG411",
  },
  { name: "Столична община", kind: "municipality", level: "local", region: "BG41", province: "BG411" },
  {
    name: "Национално сдружение на общините (demo)",
    kind: "ngo",
    level: "central",
    region: "BG41",
    province: "BG411",
  },
  {
    name: "Международна организация по миграция (demo)",
    kind: "international_organisation",
    level: "international",
    region: "BG41",
    province: "BG411",
  },
  { name: "Консултантска фирма (demo)", kind: "other", level: "central", region: "BG41", province: "BG411" },
  { name: "Ministerie van Justitie (demo)", kind: "state_authority", level: "central", country: "NL" },
]

const femaleGiven = [
  "Мария",
  "Елена",
  "Иванка",
  "Десислава",
  "Гергана",
  "Петя",
  "Надежда",
  "Светлана",
  "Радостина",
  "Виолета",
  "Цветелина",
  "Юлия",
  "Антония",
  "Росица",
  "Жана",
]
const maleGiven = [
  "Иван",
  "Георги",
  "Димитър",
  "Петър",
  "Николай",
  "Стоян",
  "Христо",
  "Любомир",
  "Красимир",
  "Васил",
  "Тодор",
  "Живко",
  "Цветан",
  "Ангел",
  "Борислав",
]
const familyRoots = [
  "Петров",
  "Иванов",
  "Димитров",
  "Стоянов",
  "Николов",
  "Георгиев",
  "Христов",
  "Тодоров",
  "Колев",
  "Маринов",
  "Ангелов",
  "Попов",
  "Цветков",
  "Жеков",
  "Шишков",
  "Яков",
  "Чолаков",
  "Щерев",
]

interface DemoEvent {
  readonly kind: EventKind
  readonly title: string
  readonly city: string
  readonly region: PlanningRegionCode
  readonly start: string
  readonly days: number
  /** How many attend, and which share of them the project has met before. */
  readonly size: number
  readonly returning: number
}

const workshop = (city: string, region: PlanningRegionCode, start: string): DemoEvent => ({
  kind: "regional_workshop",
  title: `Регионален семинар, ${city}`,
  city,
  region,
  start,
  days: 1,
  size: 38,
  returning: 0.05,
})

const events: ReadonlyArray<DemoEvent> = [
  workshop("Ловеч", "BG31", "2018-04-19"),
  workshop("Шумен", "BG33", "2018-05-24"),
  workshop("Бургас", "BG34", "2018-06-21"),
  workshop("Перник", "BG41", "2018-09-27"),
  workshop("Пловдив", "BG42", "2018-10-25"),
  workshop("Русе", "BG32", "2018-11-26"),
  {
    kind: "training_seminar",
    title: "Обучение: интеграционни споразумения",
    city: "София",
    region: "BG41",
    start: "2018-07-12",
    days: 2,
    size: 32,
    returning: 0.3,
  },
  {
    kind: "training_seminar",
    title: "Обучение: координация на местно ниво",
    city: "Пловдив",
    region: "BG42",
    start: "2018-12-06",
    days: 2,
    size: 32,
    returning: 0.35,
  },
  {
    kind: "training_seminar",
    title: "Обучение: добри практики от ЕС",
    city: "Варна",
    region: "BG33",
    start: "2019-01-24",
    days: 2,
    size: 32,
    returning: 0.35,
  },
  {
    kind: "conference",
    title: "Международна конференция, София",
    city: "София",
    region: "BG41",
    start: "2019-03-14",
    days: 2,
    size: 100,
    returning: 0.5,
  },
]

/** Loads the invented reach data of the flagship project. */
export const loadReachDemo = (projectId: string) =>
  Effect.gen(function* () {
    const random = seeded(20171201)
    const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)]!
    const institutionsRepo = yield* InstitutionsRepository
    const peopleRepo = yield* PeopleRepository
    const eventsRepo = yield* EventsRepository
    const participations = yield* ParticipationsRepository
    const dissemination = yield* DisseminationRepository

    const created: Array<{ id: string; region: string | undefined }> = []
    for (const i of institutions) {
      const inst = yield* institutionsRepo.create(
        new NewInstitution({
          name: i.name,
          kind: i.kind,
          level: i.level,
          country: i.country ?? "BG",
          ...(i.region ? { planningRegion: i.region } : {}),
          ...(i.province ? { province: i.province } : {}),
        }),
      )
      created.push({ id: inst.id, region: i.region })
    }

    const people: Array<{ id: string; region: string | undefined }> = []
    for (let n = 0; n < 340; n++) {
      const female = random() < 0.58
      const family = pick(familyRoots)
      const inst = created[n % created.length]!
      const gender: Gender | undefined =
        n % 23 === 0 ? "undisclosed" : n % 17 === 0 ? undefined : female ? "female" : "male"
      const person = yield* peopleRepo.create(
        new NewPerson({
          givenName: female ? pick(femaleGiven) : pick(maleGiven),
          familyName: female ? `${family}а` : family,
          ...(n % 3 === 0 ? {} : { email: `demo.person${n}@example.invalid` }),
          ...(gender ? { gender } : {}),
          institutionId: inst.id as never,
        }),
      )
      people.push({ id: person.id, region: inst.region })
    }

    const met = new Set<string>()
    const firstTimers = (region: string, count: number) => {
      const local = people.filter((p) => !met.has(p.id) && p.region === region)
      const rest = people.filter((p) => !met.has(p.id) && p.region !== region)
      return [...local, ...rest].slice(0, count)
    }
    for (const e of events) {
      const event = yield* eventsRepo.create(
        new NewEvent({
          projectId: projectId as never,
          kind: e.kind,
          title: `${e.title} (demo)`,
          startDate: isoDate(e.start),
          endDate: addDays(isoDate(e.start), e.days - 1),
          city: e.city,
          planningRegion: e.region,
        }),
      )
      const days = datesInRange(event.startDate, event.endDate)
      const returning = [...met].filter(() => random() < 0.5).slice(0, Math.round(e.size * e.returning))
      const newcomers = firstTimers(e.region, e.size - returning.length).map((p) => p.id)
      const attendees = [...returning, ...newcomers]
      for (const [k, personId] of attendees.entries()) {
        const role: ParticipationRole = k === 0 ? "organiser" : k < 3 ? "speaker" : "participant"
        yield* participations.register(
          event.id,
          new NewParticipation({ personId: personId as never, role, status: "registered" }),
        )
        // About one in twelve registered people did not come.
        const noShow = random() < 0.08
        const attended: ReadonlyArray<IsoDate> = noShow
          ? []
          : days.filter((_, d) => d === 0 || random() < 0.85)
        if (attended.length > 0) yield* participations.setAttendance(event.id, personId, attended)
        if (role === "participant" && attended.length > 0) met.add(personId)
      }
    }

    const named = people.filter((_, n) => n % 5 === 0).map((p) => p.id as never)
    const activities: ReadonlyArray<ConstructorParameters<typeof NewDisseminationActivity>[0]> = [
      {
        projectId: projectId as never,
        kind: "website",
        date: isoDate("2018-02-15"),
        title: "Project website launched (demo)",
        namedPersonIds: [],
        additionalCount: 60,
        method: "estimated",
      },
      {
        projectId: projectId as never,
        kind: "newsletter",
        date: isoDate("2018-09-10"),
        title: "Newsletter no. 1 (demo)",
        namedPersonIds: named.slice(0, 30),
        additionalCount: 95,
        method: "counted",
      },
      {
        projectId: projectId as never,
        kind: "media",
        date: isoDate("2018-11-27"),
        title: "Regional radio interview, Ruse (demo)",
        namedPersonIds: [],
        additionalCount: 60,
        method: "estimated",
      },
      {
        projectId: projectId as never,
        kind: "manual_distribution",
        date: isoDate("2019-03-15"),
        title: "Manual of best practices distributed (demo)",
        namedPersonIds: named.slice(20),
        additionalCount: 175,
        method: "counted",
      },
      {
        projectId: projectId as never,
        kind: "multiplier_session",
        date: isoDate("2019-03-28"),
        title: "Multiplier session, Stara Zagora (demo)",
        namedPersonIds: [],
        additionalCount: 45,
        method: "counted",
      },
    ]
    for (const a of activities) yield* dissemination.create(new NewDisseminationActivity(a))
  })
