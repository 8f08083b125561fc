/**
 * The benchmark's data set: institutions, people, one project with its events, participations
 * and attended days, written with multi-row INSERTs in transactions. Deterministic: the same
 * scale gives the same rows on SQLite and PostgreSQL.
 * @module
 */
import { SqlClient } from "@effect/sql"
import { addDays, isoDate, normaliseName } from "@coordina/domain"
import { Effect } from "effect"

/** How much data to generate; `scale` 1 is the issue's size. */
export interface DataSize {
  readonly institutions: number
  readonly people: number
  readonly events: number
  /** Participations per event; events × this = participations. */
  readonly perEvent: number
}

/** The issue's data set times `scale`: 1,000,000 participations, 200,000 persons, 2,000 events, 5,000 institutions. */
export const sizeAt = (scale: number): DataSize => ({
  institutions: Math.max(20, Math.round(5_000 * scale)),
  people: Math.max(1_000, Math.round(200_000 * scale)),
  events: Math.max(4, Math.round(2_000 * scale)),
  perEvent: 500,
})

/** A small deterministic generator (mulberry32), so both databases get the same rows. */
export const random = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number) => String(n).padStart(8, "0")
/** The id of the n-th generated record of a kind. */
export const benchId = (prefix: string, n: number) => `${prefix}_${pad(n)}`

const kinds = [
  "state_authority",
  "public_institution",
  "regional_administration",
  "municipality",
  "ngo",
  "international_organisation",
  "other",
] as const
const levels = ["central", "regional", "local", "international"] as const
const regions = ["BG31", "BG32", "BG33", "BG34", "BG41", "BG42"] as const
const eventKinds = [
  "regional_workshop",
  "training_seminar",
  "conference",
  "working_meeting",
  "study_visit",
  "multiplier_training",
] as const
const genders = [null, "female", "male", "other", "undisclosed"] as const
const roles = ["speaker", "trainer", "organiser"] as const
const givenNames = [
  "Мария",
  "Иван",
  "Елена",
  "Георги",
  "Петър",
  "Анна",
  "Димитър",
  "Николай",
  "Radka",
  "Stefan",
  "Yana",
  "Boris",
]
const familyNames = [
  "Петрова",
  "Иванов",
  "Стоянова",
  "Димитров",
  "Николова",
  "Георгиев",
  "Kirova",
  "Todorov",
  "Hristova",
  "Popov",
]

/** Given and family name of the n-th generated person: unique, in Cyrillic or Latin. */
export const personName = (n: number) => ({
  givenName: givenNames[n % givenNames.length]!,
  familyName: `${familyNames[Math.floor(n / givenNames.length) % familyNames.length]!}-${n.toString(36)}`,
})

/** The id of the project the data set belongs to. */
export const benchProjectId = "prj_bench"
/** A second project, of {@link smallProjectParticipations} participations at every scale. */
export const smallProjectId = "prj_small"
/** The size of the small project. */
export const smallProjectParticipations = 10_000
/** The first day of the generated events. */
export const firstDay = isoDate("2018-01-15")

const batchRows = (columns: number) => Math.floor(30_000 / columns)

/** Inserts rows in multi-row INSERT statements. */
export const insertRows = (table: string, rows: ReadonlyArray<Record<string, unknown>>) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    if (rows.length === 0) return
    const size = batchRows(Object.keys(rows[0]!).length)
    for (let i = 0; i < rows.length; i += size)
      yield* sql`INSERT INTO ${sql(table)} ${sql.insert(rows.slice(i, i + size) as Array<Record<string, unknown>>)}`
  })

/** Generates rows in chunks and inserts each chunk in its own transaction, to keep memory flat. */
const inChunks = (
  count: number,
  chunk: number,
  make: (from: number, to: number) => Effect.Effect<void, unknown, SqlClient.SqlClient>,
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    for (let from = 0; from < count; from += chunk)
      yield* sql.withTransaction(make(from, Math.min(count, from + chunk)))
  })

/** Writes the whole data set into a migrated, empty database. */
export const generate = (size: DataSize, log: (line: string) => void) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rnd = random(20180101)
    const now = "2019-01-01T00:00:00.000Z"
    const stamp = { version: 1, createdAt: now, updatedAt: now }

    const project = (id: string, code: string) =>
      sql`INSERT INTO projects ${sql.insert({
        id,
        code,
        title: `Benchmark project ${code}`,
        funder: "AMIF",
        startDate: "2018-01-01",
        durationMonths: 24,
        targets: JSON.stringify([
          { indicator: "direct", value: 100000 },
          { indicator: "total", value: 150000 },
        ]),
        ...stamp,
      })}`
    yield* project(benchProjectId, "BENCH")
    yield* project(smallProjectId, "SMALL")

    const institutionRows = Array.from({ length: size.institutions }, (_, n) => {
      const foreign = n % 10 === 9
      const region = regions[n % regions.length]!
      return {
        id: benchId("ins", n),
        name: `Институция ${n}`,
        nameKey: normaliseName(`Институция ${n}`),
        kind: kinds[n % kinds.length]!,
        level: levels[n % levels.length]!,
        country: foreign ? "DE" : "BG",
        planningRegion: foreign ? null : region,
        province: null,
        municipality: null,
        ...stamp,
      }
    })
    yield* sql.withTransaction(insertRows("institutions", institutionRows))
    log(`  ${size.institutions} institutions`)

    const institutionOfPerson = (n: number) => (n * 7 + 3) % size.institutions
    yield* inChunks(size.people, 20_000, (from, to) =>
      insertRows(
        "people",
        Array.from({ length: to - from }, (_, k) => {
          const n = from + k
          const { givenName, familyName } = personName(n)
          // One in a hundred records was merged into the one before it.
          const merged = n % 100 === 99
          return {
            id: benchId("per", n),
            givenName,
            familyName,
            nameKey: normaliseName(`${givenName} ${familyName}`),
            email: n % 2 === 0 ? `p${n}@example.bg` : null,
            emailKey: n % 2 === 0 ? `p${n}@example.bg` : null,
            phone: null,
            gender: genders[n % genders.length],
            institutionId: benchId("ins", institutionOfPerson(n)),
            mergedInto: merged ? benchId("per", n - 1) : null,
            survivorId: benchId("per", merged ? n - 1 : n),
            ...stamp,
          }
        }),
      ),
    )
    log(`  ${size.people} people`)

    const projectRecords = (projectId: string, tag: string, eventCount: number) =>
      Effect.gen(function* () {
        const events = Array.from({ length: eventCount }, (_, n) => {
          const start = addDays(firstDay, Math.floor((n * 700) / eventCount))
          const length = 1 + (n % 3)
          return {
            id: benchId(`evt${tag}`, n),
            projectId,
            kind: eventKinds[n % eventKinds.length]!,
            title: `Event ${n}`,
            startDate: start,
            endDate: addDays(start, length - 1),
            city: "София",
            planningRegion: regions[n % regions.length]!,
            ...stamp,
          }
        })
        yield* sql.withTransaction(insertRows("events", events))
        log(`  ${eventCount} events of ${projectId}`)

        // Each event has perEvent distinct people: a stride that never wraps onto itself.
        const stride = Math.max(1, Math.floor(size.people / size.perEvent) - 1)
        let days = 0
        yield* inChunks(eventCount, 20, (from, to) =>
          Effect.gen(function* () {
            const participations: Array<Record<string, unknown>> = []
            const attendance: Array<Record<string, unknown>> = []
            for (let e = from; e < to; e++) {
              const event = events[e]!
              const eventLength = 1 + (e % 3)
              const base = Math.floor(rnd() * size.people)
              for (let k = 0; k < size.perEvent; k++) {
                const n = e * size.perEvent + k
                const person = (base + k * stride) % size.people
                const roll = rnd()
                const id = benchId(`par${tag}`, n)
                participations.push({
                  id,
                  projectId,
                  eventId: event.id,
                  personId: benchId("per", person),
                  role: roll < 0.88 ? "participant" : roles[Math.floor(rnd() * roles.length)]!,
                  status: "registered",
                  institutionId: benchId(
                    "ins",
                    rnd() < 0.9 ? institutionOfPerson(person) : Math.floor(rnd() * size.institutions),
                  ),
                  ...stamp,
                })
                // One in ten registered but never came; the others attended some of the days.
                if (rnd() < 0.1) continue
                for (let d = 0; d < eventLength; d++)
                  if (d === 0 || rnd() < 0.6) {
                    attendance.push({ participationId: id, day: addDays(event.startDate, d) })
                    days++
                  }
              }
            }
            yield* insertRows("participations", participations)
            yield* insertRows("attendance_days", attendance)
          }),
        )
        log(`  ${eventCount * size.perEvent} participations, ${days} attended days`)
      })
    yield* projectRecords(benchProjectId, "", size.events)
    yield* projectRecords(smallProjectId, "s", smallProjectParticipations / size.perEvent)
    yield* sql.onDialectOrElse({ pg: () => sql`ANALYZE`, orElse: () => sql`ANALYZE` })
  })

/**
 * The baseline for reach: one hand-written query counting the distinct persons (survivors)
 * with a qualifying participation: the project's event, role participant, a day attended on or
 * before `asOf`, an institution in the default target group (Bulgarian, kind not `other`).
 */
export const baselineDirectCount = (projectId: string, asOf: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql`
      SELECT COUNT(DISTINCT p.survivor_id) AS n
      FROM participations pa
      JOIN people p ON p.id = pa.person_id
      JOIN institutions i ON i.id = pa.institution_id
      WHERE pa.project_id = ${projectId} AND pa.role = 'participant'
        AND i.country = 'BG' AND i.kind <> 'other'
        AND EXISTS (SELECT 1 FROM attendance_days a WHERE a.participation_id = pa.id AND a.day <= ${asOf})`
    return Number(rows[0]?.n ?? 0)
  })

const pgArray = (values: ReadonlyArray<string | null>) =>
  `ARRAY[${values.map((v) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`)).join(", ")}]::text[]`
/** A deterministic pseudo-random number in [0, 2^32) from an integer expression and a salt. */
const pgHash = (n: string, salt: number) => `((((${n})::bigint + ${salt}) * 2654435761) % 4294967296)`

/**
 * The same kind of data set as {@link generate}, written by PostgreSQL itself with
 * `generate_series` (a few statements instead of millions of bound rows): how the bench makes
 * ten million participations in minutes. Names, keys and picks follow the same rules with a
 * hash instead of the JavaScript generator, so the rows differ from SQLite's.
 */
export const generateInPostgres = (size: DataSize, log: (line: string) => void) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const now = "'2019-01-01T00:00:00.000Z'"
    const id = (prefix: string, n: string) => `'${prefix}_' || lpad((${n})::text, 8, '0')`
    for (const [projectId, code] of [
      [benchProjectId, "BENCH"],
      [smallProjectId, "SMALL"],
    ] as const)
      yield* sql`INSERT INTO projects ${sql.insert({
        id: projectId,
        code,
        title: `Benchmark project ${code}`,
        funder: "AMIF",
        startDate: "2018-01-01",
        durationMonths: 24,
        targets: JSON.stringify([
          { indicator: "direct", value: 100000 },
          { indicator: "total", value: 150000 },
        ]),
        version: 1,
        createdAt: "2019-01-01T00:00:00.000Z",
        updatedAt: "2019-01-01T00:00:00.000Z",
      })}`

    const institutionKey = normaliseName("Институция")
    yield* sql.unsafe(`
      INSERT INTO institutions (id, name, name_key, kind, level, country, planning_region, province, municipality, version, created_at, updated_at)
      SELECT ${id("ins", "n")}, 'Институция ' || n, '${institutionKey} ' || n, (${pgArray(kinds)})[n % ${kinds.length} + 1],
        (${pgArray(levels)})[n % ${levels.length} + 1], CASE WHEN n % 10 = 9 THEN 'DE' ELSE 'BG' END,
        CASE WHEN n % 10 = 9 THEN NULL ELSE (${pgArray(regions)})[n % ${regions.length} + 1] END, NULL, NULL, 1, ${now}, ${now}
      FROM generate_series(0, ${size.institutions - 1}) n`)
    log(`  ${size.institutions} institutions`)

    const givenKeys = givenNames.map(normaliseName)
    const familyKeys = familyNames.map(normaliseName)
    const person = (n: string) => `((${n}) * 7 + 3) % ${size.institutions}`
    for (let from = 0; from < size.people; from += 500_000)
      yield* sql.unsafe(`
        INSERT INTO people (id, given_name, family_name, name_key, email, email_key, phone, gender, institution_id, merged_into, survivor_id, version, created_at, updated_at)
        SELECT ${id("per", "n")}, (${pgArray(givenNames)})[n % ${givenNames.length} + 1],
          (${pgArray(familyNames)})[(n / ${givenNames.length}) % ${familyNames.length} + 1] || '-' || n,
          (${pgArray(givenKeys)})[n % ${givenNames.length} + 1] || ' ' || (${pgArray(familyKeys)})[(n / ${givenNames.length}) % ${familyNames.length} + 1] || ' ' || n,
          CASE WHEN n % 2 = 0 THEN 'p' || n || '@example.bg' END, CASE WHEN n % 2 = 0 THEN 'p' || n || '@example.bg' END,
          NULL, (${pgArray(genders)})[n % ${genders.length} + 1], ${id("ins", person("n"))},
          CASE WHEN n % 100 = 99 THEN ${id("per", "n - 1")} END, CASE WHEN n % 100 = 99 THEN ${id("per", "n - 1")} ELSE ${id("per", "n")} END,
          1, ${now}, ${now}
        FROM generate_series(${from}, ${Math.min(size.people, from + 500_000) - 1}) n`)
    log(`  ${size.people} people`)

    const stride = Math.max(1, Math.floor(size.people / size.perEvent) - 1)
    const projectRecords = (projectId: string, tag: string, eventCount: number) =>
      Effect.gen(function* () {
        yield* sql.unsafe(`
          INSERT INTO events (id, project_id, kind, title, start_date, end_date, city, planning_region, version, created_at, updated_at)
          SELECT ${id(`evt${tag}`, "n")}, '${projectId}', (${pgArray(eventKinds)})[n % ${eventKinds.length} + 1], 'Event ' || n,
            to_char(DATE '${firstDay}' + (n * 700 / ${eventCount})::int, 'YYYY-MM-DD'),
            to_char(DATE '${firstDay}' + (n * 700 / ${eventCount})::int + n % 3, 'YYYY-MM-DD'),
            'София', (${pgArray(regions)})[n % ${regions.length} + 1], 1, ${now}, ${now}
          FROM generate_series(0, ${eventCount - 1}) n`)
        const eventsPerStatement = Math.max(1, Math.floor(500_000 / size.perEvent))
        for (let from = 0; from < eventCount; from += eventsPerStatement) {
          const to = Math.min(eventCount, from + eventsPerStatement) - 1
          const n = `e * ${size.perEvent} + k`
          const who = `(${pgHash("e", 1)} % ${size.people} + k * ${stride}) % ${size.people}`
          yield* sql.unsafe(`
            INSERT INTO participations (id, project_id, event_id, person_id, role, status, institution_id, version, created_at, updated_at)
            SELECT ${id(`par${tag}`, n)}, '${projectId}', ${id(`evt${tag}`, "e")}, ${id("per", who)},
              CASE WHEN ${pgHash(n, 2)} % 100 < 88 THEN 'participant' ELSE (${pgArray(roles)})[${pgHash(n, 3)} % ${roles.length} + 1] END,
              'registered',
              CASE WHEN ${pgHash(n, 4)} % 10 < 9 THEN ${id("ins", person(who))} ELSE ${id("ins", `${pgHash(n, 5)} % ${size.institutions}`)} END,
              1, ${now}, ${now}
            FROM generate_series(${from}, ${to}) e CROSS JOIN generate_series(0, ${size.perEvent - 1}) k`)
          // One in ten registered but never came; the others came on the first day and on
          // each later day with a chance of 0.6.
          yield* sql.unsafe(`
            INSERT INTO attendance_days (participation_id, day)
            SELECT ${id(`par${tag}`, n)}, to_char(DATE '${firstDay}' + (e * 700 / ${eventCount})::int + d, 'YYYY-MM-DD')
            FROM generate_series(${from}, ${to}) e CROSS JOIN generate_series(0, ${size.perEvent - 1}) k CROSS JOIN generate_series(0, 2) d
            WHERE d <= e % 3 AND ${pgHash(n, 6)} % 10 <> 0 AND (d = 0 OR ${pgHash(`(${n}) * 3 + d`, 7)} % 10 < 6)`)
        }
        log(`  ${eventCount} events and ${eventCount * size.perEvent} participations of ${projectId}`)
      })
    yield* projectRecords(benchProjectId, "", size.events)
    yield* projectRecords(smallProjectId, "s", smallProjectParticipations / size.perEvent)
    yield* sql`VACUUM ANALYZE`
  })
