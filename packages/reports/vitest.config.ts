import { packageConfig } from "@coordina/vitest-config"
import { defineConfig } from "vitest/config"

export default defineConfig(packageConfig("reports"))
