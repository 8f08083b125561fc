// Temporary scratch (perf helper): generates the bench data into a SQLite file.
import { Database } from "@coordina/store"
import { ManagedRuntime } from "effect"
import { generate, sizeAt } from "./generate.js"

const rt = ManagedRuntime.make(Database.layer(`file:${process.argv[2]}`))
await rt.runPromise(generate(sizeAt(1), console.log))
await rt.dispose()
console.log("READY")
