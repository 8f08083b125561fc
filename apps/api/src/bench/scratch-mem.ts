// Temporary scratch (perf helper): memory of ReachRepository.reach in-process.
import { Database, ReachRepository } from "@coordina/store"
import { type IsoDate, toReachReport } from "@coordina/domain"
import { Effect, Layer, ManagedRuntime } from "effect"

const rt = ManagedRuntime.make(ReachRepository.layer.pipe(Layer.provideMerge(Database.layer(process.argv[2]!))))
const mb = (n: number) => `${(n / 1048576).toFixed(0)}MB`
const show = (tag: string) => {
  const m = process.memoryUsage()
  console.log(tag, "rss", mb(m.rss), "heap", mb(m.heapUsed), "/", mb(m.heapTotal), "ext", mb(m.external))
}
show("start")
const project = { id: "prj_bench", startDate: "2018-01-01" as IsoDate, durationMonths: 24, extensions: [], targets: [] }
for (let i = 0; i < 4; i++) {
  const t = performance.now()
  const r = await rt.runPromise(Effect.flatMap(ReachRepository, (x) => x.reach(project, "2019-12-31" as IsoDate)))
  const rep = toReachReport(r)
  show(`run ${i} ${(performance.now() - t).toFixed(0)}ms direct ${rep.direct.total}`)
  ;(globalThis as { gc?: () => void }).gc?.()
  show("  after gc")
}
await rt.dispose()
