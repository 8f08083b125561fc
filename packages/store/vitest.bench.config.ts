import { packageConfig } from "@coordina/vitest-config"
import { defineConfig } from "vitest/config"

// The benchmark is not a test: it runs only through `pnpm bench`, never with `pnpm test`.
export default defineConfig(
  packageConfig("store-bench", {
    include: ["src/bench/**/*.bench.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  }),
)
