import { describe, expect, it } from "vitest";
import { descriptionMarkdown } from "@/lib/domain/export/description-md";
import { managementAssertionDraft } from "@/lib/domain/export/paperwork";
import type { ExportDescription, ExportDescriptionSection } from "@/lib/domain/export/types";
import { makeExportSummary } from "@/tests/fixtures/export-summary";

const section = (overrides: Partial<ExportDescriptionSection>): ExportDescriptionSection => ({
  id: "s1",
  key: "services",
  title: "Services provided",
  state: "draft",
  owner: null,
  approvedBy: null,
  approvedAt: null,
  version: 1,
  shared: false,
  body: "We run payroll.",
  evidence: [],
  unknownRefs: [],
  ...overrides,
});

const DESCRIPTION: ExportDescription = {
  completeness: { approved: 1, total: 2, text: "1 of 2 sections approved" },
  sections: [
    section({
      state: "approved",
      approvedBy: "Olivia Owner",
      approvedAt: "2026-07-01T10:00:00.000Z",
      owner: "Dana",
      evidence: ["Network diagram"],
    }),
    section({ id: null, key: "boundaries", title: "System boundaries", version: 0, body: "" }),
  ],
};

describe("descriptionMarkdown", () => {
  it("writes a heading per section with its state, version and owner, then its own Markdown", () => {
    const text = descriptionMarkdown("SOC 2 Type II 2026", "Acme", DESCRIPTION);
    expect(text).toContain("# System description: SOC 2 Type II 2026");
    expect(text).toContain("Acme. 1 of 2 sections approved.");
    expect(text).toContain(
      "## 1. Services provided\n\n_Approved by Olivia Owner on 2026-07-01 · version 1 · owner Dana_\n\nWe run payroll.",
    );
    expect(text).toContain("Attached evidence:\n\n- Network diagram");
    expect(text).toContain("## 2. System boundaries\n\n_Draft · not written yet_");
    expect(text).toContain("_Nothing is written in this section yet._");
  });
});

describe("the management assertion draft", () => {
  it("refers to the description and names the sections not approved yet", () => {
    const text = managementAssertionDraft(makeExportSummary({ description: DESCRIPTION }));
    expect(text).toContain("system description kept in Assay for this engagement");
    expect(text).toContain("1 of 2 sections approved. Not approved yet: System boundaries.");
  });

  it("says nothing of it for an export made before descriptions existed", () => {
    expect(managementAssertionDraft(makeExportSummary())).not.toContain("kept in Assay");
  });
});
