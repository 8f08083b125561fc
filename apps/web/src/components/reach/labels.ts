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
import { useQueries, useQuery } from "@tanstack/react-query"
import { useMemo } from "react"
import { institutionQuery, institutionsQuery } from "../../api/reach.js"
import type { Language } from "../../i18n/I18n.js"
import type { Messages } from "../../i18n/en.js"
import type { Option } from "./Fields.js"

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

/**
 * Institution names by id, for showing ids as names: from the list of institutions (the first
 * 500), and one by one for the `ids` it does not hold (e.g. created since the list was read).
 */
export const useInstitutionNames = (
  ids: ReadonlyArray<string | undefined> = [],
): ((id: string | undefined) => string) => {
  const { data } = useQuery(institutionsQuery())
  const listed = new Set((data?.items ?? []).map((i) => i.id))
  const missing = data
    ? [...new Set(ids)].filter((id): id is string => id !== undefined && !listed.has(id))
    : []
  const extra = useQueries({
    queries: missing.map((id) => ({ ...institutionQuery(id), retry: false })),
    combine: (results) => results.flatMap((r) => (r.data ? [r.data] : [])),
  })
  return useMemo(() => {
    const names = new Map([...(data?.items ?? []), ...extra].map((i) => [i.id, i.name]))
    return (id) => (id === undefined ? "" : (names.get(id) ?? id))
  }, [data, extra])
}
