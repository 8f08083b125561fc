/**
 * Labels of the reach vocabularies in the current language: institution kinds, levels,
 * planning regions and provinces (from the domain's NUTS data), genders, event kinds.
 */
import {
  type BreakdownKey,
  institutionKinds,
  institutionLevels,
  planningRegions,
  regionOfProvince,
  unknownBucket,
} from "@coordina/domain"
import type { Language } from "../../i18n/I18n.js"
import type { Messages } from "../../i18n/en.js"
import type { Option } from "../Fields.js"

type ReachTexts = Messages["reach"]

/** The name of a planning region or province by its NUTS code, or the code itself. */
export const placeName = (code: string, language: Language): string => {
  for (const region of planningRegions) {
    if (region.code === code) return language === "bg" ? region.nameBg : region.nameEn
    const province = region.provinces.find((p) => p.code === code)
    if (province) return language === "bg" ? province.nameBg : province.nameEn
  }
  return code
}

/** The planning regions as options. */
export const regionOptions = (language: Language): ReadonlyArray<Option> =>
  planningRegions.map((r) => ({
    id: r.code,
    label: `${language === "bg" ? r.nameBg : r.nameEn} (${r.code})`,
  }))

/** The provinces as options, only those of `region` when one is chosen. */
export const provinceOptions = (language: Language, region: string | undefined): ReadonlyArray<Option> =>
  planningRegions
    .filter((r) => region === undefined || r.code === region)
    .flatMap((r) => r.provinces)
    .map((p) => ({ id: p.code, label: `${language === "bg" ? p.nameBg : p.nameEn} (${p.code})` }))

/** The planning region a province lies in. */
export const regionOf = (province: string): string | undefined => regionOfProvince(province)?.code

/** The institution kinds as options. */
export const kindOptions = (t: ReachTexts): ReadonlyArray<Option> =>
  institutionKinds.map((k) => ({ id: k, label: t.institutionKind[k] }))

/** The institution levels as options. */
export const levelOptions = (t: ReachTexts): ReadonlyArray<Option> =>
  institutionLevels.map((l) => ({ id: l, label: t.level[l] }))

/** Options from a record of labels, in its order. */
export const optionsOf = (labels: Readonly<Record<string, string>>): ReadonlyArray<Option> =>
  Object.entries(labels).map(([id, label]) => ({ id, label }))

const lookup = (labels: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined

/** The label of a bucket of a breakdown. */
export const bucketLabel = (t: ReachTexts, language: Language, key: BreakdownKey, bucket: string): string => {
  if (bucket === unknownBucket) return t.unknown
  switch (key) {
    case "byInstitutionKind":
      return lookup(t.institutionKind, bucket) ?? bucket
    case "byLevel":
      return lookup(t.level, bucket) ?? bucket
    case "byPlanningRegion":
      return placeName(bucket, language)
    case "byGender":
      return lookup(t.gender, bucket) ?? bucket
    case "byEventKind":
      return lookup(t.eventKind, bucket) ?? bucket
  }
}
