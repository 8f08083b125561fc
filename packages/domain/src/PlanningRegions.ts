/**
 * Bulgaria's NUTS-2 planning regions and NUTS-3 provinces (oblasts), embedded from
 * shared/reference/bg-planning-regions.json (NUTS 2016/2021), with the lookups institutions
 * and events use to validate their codes.
 * @module
 */
import { Schema } from "effect"

/** A NUTS-3 province (oblast). */
export interface Province {
  readonly code: string
  readonly nameEn: string
  readonly nameBg: string
}

/** A NUTS-2 planning region and its provinces. */
export interface PlanningRegion {
  readonly code: string
  readonly nameEn: string
  readonly nameBg: string
  readonly provinces: ReadonlyArray<Province>
}

/** The six planning regions of Bulgaria with their 28 provinces. */
export const planningRegions: ReadonlyArray<PlanningRegion> = [
  {
    code: "BG31",
    nameEn: "North-West",
    nameBg: "Северозападен",
    provinces: [
      { code: "BG311", nameEn: "Vidin", nameBg: "Видин" },
      { code: "BG312", nameEn: "Montana", nameBg: "Монтана" },
      { code: "BG313", nameEn: "Vratsa", nameBg: "Враца" },
      { code: "BG314", nameEn: "Pleven", nameBg: "Плевен" },
      { code: "BG315", nameEn: "Lovech", nameBg: "Ловеч" },
    ],
  },
  {
    code: "BG32",
    nameEn: "North-Central",
    nameBg: "Северен централен",
    provinces: [
      { code: "BG321", nameEn: "Veliko Tarnovo", nameBg: "Велико Търново" },
      { code: "BG322", nameEn: "Gabrovo", nameBg: "Габрово" },
      { code: "BG323", nameEn: "Ruse", nameBg: "Русе" },
      { code: "BG324", nameEn: "Razgrad", nameBg: "Разград" },
      { code: "BG325", nameEn: "Silistra", nameBg: "Силистра" },
    ],
  },
  {
    code: "BG33",
    nameEn: "North-East",
    nameBg: "Североизточен",
    provinces: [
      { code: "BG331", nameEn: "Varna", nameBg: "Варна" },
      { code: "BG332", nameEn: "Dobrich", nameBg: "Добрич" },
      { code: "BG333", nameEn: "Shumen", nameBg: "Шумен" },
      { code: "BG334", nameEn: "Targovishte", nameBg: "Търговище" },
    ],
  },
  {
    code: "BG34",
    nameEn: "South-East",
    nameBg: "Югоизточен",
    provinces: [
      { code: "BG341", nameEn: "Burgas", nameBg: "Бургас" },
      { code: "BG342", nameEn: "Sliven", nameBg: "Сливен" },
      { code: "BG343", nameEn: "Yambol", nameBg: "Ямбол" },
      { code: "BG344", nameEn: "Stara Zagora", nameBg: "Стара Загора" },
    ],
  },
  {
    code: "BG41",
    nameEn: "South-West",
    nameBg: "Югозападен",
    provinces: [
      { code: "BG411", nameEn: "Sofia City", nameBg: "София (столица)" },
      { code: "BG412", nameEn: "Sofia Province", nameBg: "София" },
      { code: "BG413", nameEn: "Blagoevgrad", nameBg: "Благоевград" },
      { code: "BG414", nameEn: "Pernik", nameBg: "Перник" },
      { code: "BG415", nameEn: "Kyustendil", nameBg: "Кюстендил" },
    ],
  },
  {
    code: "BG42",
    nameEn: "South-Central",
    nameBg: "Южен централен",
    provinces: [
      { code: "BG421", nameEn: "Plovdiv", nameBg: "Пловдив" },
      { code: "BG422", nameEn: "Haskovo", nameBg: "Хасково" },
      { code: "BG423", nameEn: "Pazardzhik", nameBg: "Пазарджик" },
      { code: "BG424", nameEn: "Smolyan", nameBg: "Смолян" },
      { code: "BG425", nameEn: "Kardzhali", nameBg: "Кърджали" },
    ],
  },
]

/** A NUTS-2 code of a Bulgarian planning region, BG31 … BG42. */
export const PlanningRegionCode = Schema.Literal("BG31", "BG32", "BG33", "BG34", "BG41", "BG42").annotations({
  identifier: "PlanningRegionCode",
  description: "NUTS-2 code of a Bulgarian planning region",
})
/** A NUTS-2 code of a Bulgarian planning region. */
export type PlanningRegionCode = typeof PlanningRegionCode.Type

/** A NUTS-3 code of a Bulgarian province (oblast), BG311 … BG425. */
export const ProvinceCode = Schema.Literal(
  "BG311",
  "BG312",
  "BG313",
  "BG314",
  "BG315",
  "BG321",
  "BG322",
  "BG323",
  "BG324",
  "BG325",
  "BG331",
  "BG332",
  "BG333",
  "BG334",
  "BG341",
  "BG342",
  "BG343",
  "BG344",
  "BG411",
  "BG412",
  "BG413",
  "BG414",
  "BG415",
  "BG421",
  "BG422",
  "BG423",
  "BG424",
  "BG425",
).annotations({
  identifier: "ProvinceCode",
  description: "NUTS-3 code of a Bulgarian province (oblast)",
})
/** A NUTS-3 code of a Bulgarian province. */
export type ProvinceCode = typeof ProvinceCode.Type

const regionByCode = new Map(planningRegions.map((r) => [r.code, r]))
const regionOfProvinceCode = new Map(
  planningRegions.flatMap((r) => r.provinces.map((p) => [p.code, r] as const)),
)

/** The planning region with a NUTS-2 code, if there is one. */
export const findPlanningRegion = (code: string): PlanningRegion | undefined => regionByCode.get(code)

/** The province with a NUTS-3 code, if there is one. */
export const findProvince = (code: string): Province | undefined =>
  regionOfProvinceCode.get(code)?.provinces.find((p) => p.code === code)

/** The planning region a province belongs to, if the province code exists. */
export const regionOfProvince = (provinceCode: string): PlanningRegion | undefined =>
  regionOfProvinceCode.get(provinceCode)

/** Whether a province code names a province of the given planning region. */
export const provinceIsInRegion = (provinceCode: string, regionCode: string): boolean =>
  regionOfProvinceCode.get(provinceCode)?.code === regionCode
