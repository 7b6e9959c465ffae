// Where each entry of an evidence pack goes: documents at the root, evidence in one folder per
// control (`controls/<REF> <title>/`), every name sanitised and unique in its folder. It keeps
// only the names already used, never entry contents.
import type { ExportControl, ExportEvidence } from "@/lib/domain/export/types";
import { MANIFEST_PATH } from "./manifest";
import { nameKey, safeName, uniqueName } from "./pack-paths";

const CONTROLS_DIR = "controls";
/** Folder names stay short so that a full path fits Windows' 260 characters. */
const FOLDER_MAX_BYTES = 80;

export class PackLayout {
  /** Per folder: the names used (keys) and, for names asked for more than once, how often. */
  private readonly used = new Map<string, { names: Set<string>; copies: Map<string, number> }>([
    ["", { names: new Set([nameKey(MANIFEST_PATH), nameKey(CONTROLS_DIR)]), copies: new Map() }],
  ]);
  private readonly folderByRef = new Map<string, string>();

  constructor(controls: readonly Pick<ExportControl, "ref" | "title">[]) {
    for (const control of controls) this.controlFolder(control.ref, control.title);
  }

  /** A document's path at the root. */
  rootPath(name: string): string {
    return this.claim("", safeName(name));
  }

  /**
   * One path per control folder the evidence belongs in. Refs outside the engagement's controls
   * get no folder unless none of its refs has one; then each ref gets a folder named by the ref.
   */
  evidencePaths(
    evidence: Pick<ExportEvidence, "controlRefs">,
    name: string,
  ): { ref: string; path: string }[] {
    const safe = safeName(name);
    return this.folderRefs(evidence).map((ref) => {
      const folder = this.folderByRef.get(ref) ?? this.controlFolder(ref, "");
      return { ref, path: `${folder}/${this.claim(folder, safe)}` };
    });
  }

  /** The refs whose folders the evidence goes in, in order (evidencePaths' refs, without claiming names). */
  folderRefs(evidence: Pick<ExportEvidence, "controlRefs">): string[] {
    const known = evidence.controlRefs.filter((ref) => this.folderByRef.has(ref));
    return [...new Set(known.length > 0 ? known : evidence.controlRefs)];
  }

  private controlFolder(ref: string, title: string): string {
    const existing = this.folderByRef.get(ref);
    if (existing) return existing;
    const name = safeName(`${ref} ${title}`, { maxBytes: FOLDER_MAX_BYTES, fallback: "control" });
    const folder = `${CONTROLS_DIR}/${this.claim(CONTROLS_DIR, name, FOLDER_MAX_BYTES)}`;
    this.folderByRef.set(ref, folder);
    return folder;
  }

  private claim(folder: string, name: string, maxBytes?: number): string {
    let used = this.used.get(folder);
    if (!used) {
      used = { names: new Set(), copies: new Map() };
      this.used.set(folder, used);
    }
    const key = nameKey(name);
    if (!used.names.has(key)) {
      used.names.add(key);
      return name;
    }
    // Copies of one name are numbered on from the last one, not searched from (2) each time.
    const copies = used.copies.get(key) ?? 1;
    const unique = uniqueName(name, used.names, { maxBytes, firstSuffix: copies + 1 });
    used.names.add(nameKey(unique));
    used.copies.set(key, copies + 1);
    return unique;
  }
}
