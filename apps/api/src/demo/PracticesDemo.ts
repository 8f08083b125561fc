/**
 * Demo data for the good-practice library: one practice from each country whose practice was
 * presented at the Ruse workshop (Belgium, Germany, France, Sweden, Malta, Portugal — the
 * countries are public; what each practice was is not), and a recommendation for each level of
 * government citing the demo review's bottleneck, and a manual with a chapter per level, published
 * as version 1 (no distribution recorded: distributions are not built yet). Every practice and its details are INVENTED
 * and say so in their title; their only source is the EU's integration website, named as a
 * general reference, not as the practice's own description. No presenters: the demo holds no
 * foreign presenters, and inventing people would change the reach figures.
 * @module
 */
import {
  findingValue,
  type GovernmentLevel,
  isoDate,
  NewPractice,
  NewRecommendation,
  type PracticeArea,
  type PracticeId,
  type Recommendation,
  type ReviewMetric,
} from "@coordina/domain"
import {
  EventsRepository,
  newId,
  ManualsRepository,
  PracticesRepository,
  RecommendationsRepository,
  ReviewRepository,
} from "@coordina/store"
import { Effect } from "effect"

/** The date the demo review is read on, as the agreements demo's test reads it. */
export const demoReviewAsOf = "2020-12-31"

const source = {
  title: "European Website on Integration (general reference; the practice itself is invented)",
  url: "https://migrant-integration.ec.europa.eu",
}

interface DemoPractice {
  readonly country: string
  readonly area: PracticeArea
  readonly level: GovernmentLevel
  readonly bg: string
  readonly en: string
  readonly descriptionBg: string
  readonly descriptionEn?: string
}

const invented = { bg: " (измислена, демо)", en: " (invented, demo)" }

/** One invented practice per country of the Ruse workshop. */
export const demoPractices: ReadonlyArray<DemoPractice> = [
  {
    country: "BE",
    area: "housing",
    level: "local",
    bg: "Общината като посредник при наем на жилища",
    en: "The municipality as a rental go-between",
    descriptionBg:
      "Общината сключва договори с частни наемодатели и преотдава жилищата на признати бежанци за първите две години.",
    descriptionEn:
      "The municipality signs leases with private landlords and sublets the flats to recognised refugees for their first two years.",
  },
  {
    country: "DE",
    area: "bulgarian_language",
    level: "regional",
    bg: "Езикови курсове с грижа за децата",
    en: "Language courses with childcare",
    descriptionBg:
      "Областта финансира езикови курсове, по време на които децата на участниците са в детска група.",
    descriptionEn:
      "The region funds language courses during which the participants' children stay in a play group.",
  },
  {
    country: "FR",
    area: "employment",
    level: "central",
    bg: "Договор за интеграция с индивидуален план за заетост",
    en: "An integration contract with a personal employment plan",
    descriptionBg:
      "Държавата предлага договор, в който бюрото по труда и лицето договарят стъпки към работа.",
  },
  {
    country: "SE",
    area: "coordination",
    level: "central",
    bg: "Единна входна точка за новопризнати лица",
    en: "One entry point for newly recognised people",
    descriptionBg:
      "Една служба урежда регистрацията, жилището и езика, вместо лицето да обикаля всяка институция.",
    descriptionEn:
      "One office arranges registration, housing and language, instead of the person visiting each institution.",
  },
  {
    country: "MT",
    area: "governance",
    level: "central",
    bg: "Интеграционна стратегия с годишен публичен отчет",
    en: "An integration strategy with a yearly public report",
    descriptionBg: "Министерството публикува всяка година докъде е стигнала всяка мярка на стратегията.",
    descriptionEn: "The ministry publishes each year how far each measure of the strategy has come.",
  },
  {
    country: "PT",
    area: "social_assistance",
    level: "local",
    bg: "Местни центрове за подкрепа на мигранти",
    en: "Local support centres for migrants",
    descriptionBg:
      "Общините откриват центрове, където културни медиатори помагат с документи и социални помощи.",
  },
]

interface DemoRecommendation {
  readonly level: GovernmentLevel
  readonly bg: string
  readonly en: string
  readonly countries: ReadonlyArray<string>
  readonly metrics: ReadonlyArray<ReviewMetric>
}

const demoRecommendations: ReadonlyArray<DemoRecommendation> = [
  {
    level: "central",
    bg: "Една институция да отговаря за целия път от решението за статут до споразумението (демо).",
    en: "One institution should answer for the whole way from the status decision to the agreement (demo).",
    countries: ["SE", "MT"],
    metrics: ["funnel.intents", "funnel.concluded"],
  },
  {
    level: "regional",
    bg: "Областните администрации да събират общините на региона за общо предлагане на места (демо).",
    en: "Regional administrations should bring the region's municipalities together to offer places jointly (demo).",
    countries: ["DE"],
    metrics: ["offers.count"],
  },
  {
    level: "local",
    bg: "Общините да осигуряват жилища чрез посредничество с частни наемодатели (демо).",
    en: "Municipalities should secure housing by acting as go-between with private landlords (demo).",
    countries: ["BE", "PT"],
    metrics: ["funnel.matched", "offers.count"],
  },
]

/**
 * Loads the practices, linked to the project's Ruse workshop when the reach demo made one, and
 * the recommendations, each finding citing the review's total as the demo data stand.
 */
export const loadPracticesDemo = (projectId: string) =>
  Effect.gen(function* () {
    const practices = yield* PracticesRepository
    const recommendations = yield* RecommendationsRepository
    const events = yield* EventsRepository
    const reviews = yield* ReviewRepository
    const manuals = yield* ManualsRepository
    const ruse = (yield* events.list({ projectId, limit: 500 })).items.find(
      (e) => e.kind === "regional_workshop" && e.city === "Русе",
    )
    const byCountry = new Map<string, PracticeId>()
    for (const p of demoPractices) {
      const practice = yield* practices.create(
        newId("pra"),
        new NewPractice({
          country: p.country,
          area: p.area,
          level: p.level,
          title: { bg: p.bg + invented.bg, en: p.en + invented.en },
          description: { bg: p.descriptionBg, ...(p.descriptionEn ? { en: p.descriptionEn } : {}) },
          transferability: {
            bg: "Измислена оценка за демонстрация: приложимо в общини с капацитет за настаняване.",
          },
          sources: [source],
          eventIds: ruse ? [ruse.id] : [],
          presenterIds: [],
        }),
      )
      byCountry.set(p.country, practice.id)
    }
    const asOf = isoDate(demoReviewAsOf)
    const review = yield* reviews.review({ groupBy: "procedure", asOf })
    const written: Array<Recommendation> = []
    for (const r of demoRecommendations) {
      const rec = yield* recommendations.create(
        newId("rec"),
        new NewRecommendation({
          level: r.level,
          text: { bg: r.bg, en: r.en },
          practiceIds: r.countries.map((c) => byCountry.get(c)!),
          findings: r.metrics.map((metric) => {
            const finding = { groupBy: "procedure" as const, asOf, figure: { metric, value: null } }
            return { ...finding, figure: { metric, value: findingValue(review, finding) } }
          }),
        }),
      )
      written.push(rec)
    }
    // The manual: one chapter per level, with its recommendations and their practices, published
    // once, as the project's A4 deliverable would be (its wording is the demo's own).
    const chapters = written.map((rec) => ({
      title: {
        bg: `Препоръки: ${levelTitles[rec.level].bg}`,
        en: `Recommendations: ${levelTitles[rec.level].en}`,
      },
      recommendationIds: [rec.id],
      practiceIds: rec.practiceIds,
    }))
    const manual = yield* manuals.create(newId("man"), projectId, {
      bg: "Наръчник с добри практики и препоръки (демо)",
      en: "Manual of good practice and recommendations (demo)",
    })
    yield* manuals.setChapters(manual.id, manual.version, chapters)
    yield* manuals.publish(manual.id, {
      title: manual.title,
      chapters: yield* Effect.forEach(written, (rec, i) =>
        Effect.gen(function* () {
          return {
            title: chapters[i]!.title,
            recommendations: [rec],
            practices: yield* Effect.forEach(rec.practiceIds, (id) => practices.get(id).pipe(Effect.orDie)),
          }
        }),
      ),
    })
  })

const levelTitles = {
  central: { bg: "централно ниво", en: "central level" },
  regional: { bg: "областно ниво", en: "regional level" },
  local: { bg: "местно ниво", en: "local level" },
} as const
