import { it } from "vitest";
import { applyControlImport, planControlImport, exportControlsCsv } from "@/lib/db/control-import";
import { CONTROL_CSV_COLUMNS } from "@/lib/domain/control-csv";
import { makeOrg } from "./helpers";

it("bench", async () => {
  const ctx = await makeOrg();
  const rows = Array.from({ length: 5000 }, (_, i) => `B-${i},Benchmark control ${i},Some description,,draft,monthly,manual,yes,CC6.1;CC6.2,`);
  const text = [CONTROL_CSV_COLUMNS.join(","), ...rows].join("\n");
  let t = Date.now();
  await planControlImport(ctx, text);
  console.log("plan ms", Date.now() - t, "bytes", text.length);
  t = Date.now();
  const r = await applyControlImport(ctx, text);
  console.log("apply create ms", Date.now() - t, r.report.created);
  const updated = text.replace(/,draft,/g, ",designed,");
  t = Date.now();
  const r2 = await applyControlImport(ctx, updated);
  console.log("apply update ms", Date.now() - t, r2.report.updated);
  t = Date.now();
  const csv = await exportControlsCsv(ctx);
  console.log("export ms", Date.now() - t, csv.length);
}, 600_000);
