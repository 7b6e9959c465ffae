// Page one: who, which report, which dates, and the readiness figure an auditor looks at first.
import { Text, View, StyleSheet } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import type { RequirementStatus } from "@/lib/domain/requirement-status";
import { longDate, longTimestamp, percent, plural, reportTitle, reportWindow } from "./format";
import { CoverFrame, SECTION_TITLES, type PageNumbering } from "./layout";
import { CONTENT_WIDTH, printable, wrap } from "./measure";
import { COLORS, STATUS_COLORS, styles } from "./styles";
import { REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";

const cover = StyleSheet.create({
  body: { flexGrow: 1, marginTop: 14 },
  kicker: {
    fontFamily: "Sans-Bold",
    fontSize: 9,
    letterSpacing: 1.5,
    color: COLORS.brand,
    marginBottom: 10,
  },
  organization: { fontFamily: "Sans-Bold", fontSize: 26, lineHeight: 1.15, color: COLORS.ink },
  report: { fontSize: 17, lineHeight: 1.3, color: COLORS.ink, marginTop: 4 },
  facts: { marginTop: 22, borderTopWidth: 0.5, borderTopColor: COLORS.ruleStrong },
  fact: {
    flexDirection: "row",
    paddingVertical: 5,
    borderBottomWidth: 0.5,
    borderBottomColor: COLORS.rule,
  },
  factLabel: { width: 130, color: COLORS.muted },
  factValue: { flex: 1, color: COLORS.ink },
  factCode: { fontFamily: "Mono", fontSize: 7.5, color: COLORS.ink },
  figure: { marginTop: 34, flexDirection: "row", alignItems: "center" },
  readiness: {
    fontFamily: "Sans-Bold",
    fontSize: 56,
    lineHeight: 1,
    color: COLORS.brand,
    marginRight: 16,
  },
  readinessCaption: { flex: 1, color: COLORS.muted },
  countsTitle: { marginTop: 26, marginBottom: 6, fontFamily: "Sans-Bold", color: COLORS.ink },
  counts: { flexDirection: "row" },
  count: {
    flex: 1,
    marginRight: 8,
    paddingVertical: 8,
    paddingHorizontal: 10,
    borderLeftWidth: 3,
    backgroundColor: COLORS.tint,
  },
  lastCount: { marginRight: 0 },
  countNumber: { fontFamily: "Sans-Bold", fontSize: 20, lineHeight: 1.2, color: COLORS.ink },
  countLabel: { fontSize: 8.5, color: COLORS.muted },
  controls: { marginTop: 10 },
  contents: { marginTop: 30 },
  contentsItem: { flexDirection: "row", paddingVertical: 2, width: 300 },
  contentsNumber: { width: 18, color: COLORS.muted },
  contentsTitle: { flex: 1 },
  contentsPage: { color: COLORS.muted },
  disclaimer: { marginTop: "auto", padding: 12, borderWidth: 0.75, borderColor: COLORS.ruleStrong },
  disclaimerTitle: { fontFamily: "Sans-Bold", color: COLORS.ink, marginBottom: 4 },
});

/**
 * The organisation's name as large as keeps it to two lines (at 17 points, names of ordinary
 * words up to the forms' 80 characters do): a long name must not push the cover onto a second
 * page.
 */
function organizationSize(name: string): number {
  return [26, 21].find((size) => wrap(name, CONTENT_WIDTH, "Sans-Bold", size).length <= 2) ?? 17;
}

const DISCLAIMER =
  "It sets out management's own view of how far the evidence it holds meets the requirements in scope. " +
  "The service auditor forms its own opinion, chooses its own samples and may reach different conclusions.";

const COUNTED: readonly RequirementStatus[] = [
  "ready",
  "in_progress",
  "unmapped",
  "not_applicable",
];

type CoverProps = {
  summary: ExportSummary;
  numbering: PageNumbering;
  /** The page each section starts on. */
  sectionPages: ReadonlyMap<string, number>;
};

export function CoverPage({ summary, numbering, sectionPages }: CoverProps) {
  const { engagement, figures } = summary;
  const { counts } = figures;
  const applicable = counts.total - counts.not_applicable;
  // Members' words, reduced to what the built-in fonts can print, as everywhere else in the report.
  const organization = printable(summary.organization.name);
  return (
    <CoverFrame summary={summary} numbering={numbering}>
      <View style={cover.body}>
        <Text style={cover.kicker}>READINESS SUMMARY</Text>
        <Text style={[cover.organization, { fontSize: organizationSize(organization) }]}>
          {organization}
        </Text>
        <Text style={cover.report}>{reportTitle(engagement)}</Text>
        <View style={cover.facts}>
          <Fact label="Engagement" value={printable(engagement.name)} />
          <Fact
            label={engagement.type === "TYPE_I" ? "As-of date" : "Period"}
            value={reportWindow(engagement)}
          />
          <Fact
            label="Readiness measured at"
            value={longDate(figures.asOf ?? figures.designDate)}
          />
          <Fact label="Generated" value={longTimestamp(summary.generatedAt)} />
          {summary.description ? (
            <Fact
              label="System description"
              value={`${summary.description.completeness.text} (not part of readiness)`}
            />
          ) : null}
          <HeadFact head={summary.activityHead} />
        </View>
        <View style={cover.figure}>
          <Text style={cover.readiness}>{percent(counts.readinessPercent)}</Text>
          <Text style={cover.readinessCaption}>
            {`Readiness: ${counts.ready} of ${applicable} applicable requirements are ready. Requirements marked not applicable are left out.`}
          </Text>
        </View>
        <Text style={cover.countsTitle}>{`${plural(counts.total, "requirement")} in scope`}</Text>
        <View style={cover.counts}>
          {COUNTED.map((status, index) => (
            <View
              key={status}
              style={[
                cover.count,
                { borderLeftColor: STATUS_COLORS[status] },
                index === COUNTED.length - 1 ? cover.lastCount : {},
              ]}
            >
              <Text style={cover.countNumber}>{counts[status]}</Text>
              <Text style={cover.countLabel}>{REQUIREMENT_STATUS_LABELS[status]}</Text>
            </View>
          ))}
        </View>
        <Text style={cover.controls}>
          {`Controls ready: ${figures.controls.ready} of ${figures.controls.total} (${figures.controls.notReady} not ready).`}
        </Text>
        <View style={cover.contents}>
          <Text style={cover.countsTitle}>Contents</Text>
          {SECTION_TITLES.map((title, index) => (
            <View key={title} style={cover.contentsItem}>
              <Text style={cover.contentsNumber}>{index + 1}</Text>
              <Text style={cover.contentsTitle}>{title}</Text>
              <Text style={cover.contentsPage}>{String(sectionPages.get(title) ?? "")}</Text>
            </View>
          ))}
        </View>
        <View style={cover.disclaimer}>
          <Text style={cover.disclaimerTitle}>
            Readiness summary prepared by management with Assay — not an audit opinion
          </Text>
          <Text style={styles.muted}>{DISCLAIMER}</Text>
        </View>
      </View>
    </CoverFrame>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={cover.fact}>
      <Text style={cover.factLabel}>{label}</Text>
      <Text style={cover.factValue}>{value}</Text>
    </View>
  );
}

/** The activity log's head at export, in full: an auditor compares it with the log later. */
function HeadFact({ head }: { head: ExportSummary["activityHead"] }) {
  const { checkpoint } = head;
  const signed = checkpoint?.signature
    ? `Checkpoint signed with key ${checkpoint.keyId ?? "?"}`
    : "Checkpoint not signed (no signing key configured)";
  return (
    <View style={cover.fact}>
      <Text style={cover.factLabel}>Activity log head</Text>
      <View style={cover.factValue}>
        <Text style={cover.factCode}>{`#${head.seq} ${head.hash}`}</Text>
        <Text style={styles.muted}>{signed}</Text>
      </View>
    </View>
  );
}
