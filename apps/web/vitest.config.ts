import { packageConfig } from "@coordina/vitest-config"
import { defineConfig } from "vitest/config"

// Browser tests drive the built SPA in Chromium through the real API, one file at a time.
export default defineConfig(
  packageConfig("web", {
    globalSetup: ["../../packages/store/src/testing/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
  }),
)
