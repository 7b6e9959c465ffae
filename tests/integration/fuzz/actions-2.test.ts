import "./mocks";
import { fuzzFile } from "./suite";

// The other half of the server actions (see actions-1.test.ts).

await fuzzFile(
  "server actions 2/2",
  (endpoint, index) => endpoint.kind === "action" && index % 2 === 1,
);
