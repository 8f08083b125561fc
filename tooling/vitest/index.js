// One vitest setup for every package: workspace packages resolve to their TypeScript source,
// and the JSON reporter feeds the run-wide "N passed, N failed" line that CI reads.
import { mkdirSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
const conditions = ["@coordina/source"]
// Run in every package: fails when the tests do not run on the Node the project requires.
const runtimeTest = join(root, "tooling/vitest/runtime.test.js")

/** @param {string} name @param {import("vitest/config").UserConfig["test"]} [test] */
export const packageConfig = (name, test = {}) => {
  const resultsDir = join(root, "test-results")
  mkdirSync(resultsDir, { recursive: true })
  return {
    resolve: { conditions: [...conditions, "module", "import", "default"] },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", runtimeTest],
      reporters: ["verbose", ["json", { outputFile: join(resultsDir, `${name}.json`) }]],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      ...test,
    },
  }
}
