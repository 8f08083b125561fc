import { tanstackRouter } from "@tanstack/router-plugin/vite"
import react from "@vitejs/plugin-react"
import { fileURLToPath } from "node:url"
import { defaultClientConditions, defineConfig } from "vite"

// The API serves the built SPA; in development Vite proxies API calls to it.
export default defineConfig({
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react()],
  resolve: {
    conditions: ["@coordina/source", ...defaultClientConditions],
    // `@/ui/…` instead of climbing `../../../../` from deep routes.
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      "/v1": "http://localhost:3000",
      "/health": "http://localhost:3000",
      "/openapi.json": "http://localhost:3000",
    },
  },
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1500 },
})
