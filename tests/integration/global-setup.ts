import type { TestProject } from "vitest/node";
import { printContractTally } from "./api-contract-tally";
import { createTemplate, dropEverything } from "./databases";
import { printTally } from "./fuzz/tally";

// Once per run: migrate a template database; each test file clones it (setup.ts).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = await createTemplate();
  project.provide("assayTestDatabase", config);
  return async () => {
    printTally(config.runId);
    printContractTally(config.runId);
    await dropEverything(config);
  };
}
