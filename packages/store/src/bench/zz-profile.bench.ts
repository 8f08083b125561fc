import { isoDate, reviewOf } from "@coordina/domain"
import { it } from "vitest"
import { generate } from "./agreementsData.js"

it("profiles the fold", () => {
  const data = generate({ agreements: 100_000, measuresPerAgreement: 0, tasksPerAgreement: 0, municipalities: 265, seed: 1 })
  const places = new Map(data.institutions.map((i) => [i.id, i]))
  for (let k = 0; k < 3; k++) {
    const t = performance.now()
    reviewOf({ groupBy: "procedure", asOf: isoDate("2020-06-30"), placeOf: (id) => places.get(id) }, { agreements: data.agreements })
    console.log("fold ms", performance.now() - t)
  }
})
