import "./mocks";
import { fuzzFile } from "./suite";

// Every route handler (each HTTP method of each app/**/route.ts), called with generated
// malformed requests by every kind of caller, against the real database (see probe.ts).

await fuzzFile("route handlers", (endpoint) => endpoint.kind === "route", {
  discovers: "route.ts",
  samplePack: true,
});
