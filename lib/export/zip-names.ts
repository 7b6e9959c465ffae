// The names an entry of a ZIP may stand for. Assay writes UTF-8 names and sets the ZIP's UTF-8
// flag, but a pack unpacked and zipped again often comes back without it: Windows Explorer writes
// names in the OEM code page (CP437 on an English system), Info-ZIP `zip` writes the bytes it was
// given plus, when it knows they are UTF-8, a Unicode Path extra field (0x7075), and other tools
// (macOS among them) write UTF-8 bytes and no flag at all. yauzl reads the flag and the extra
// field and otherwise decodes CP437, which turns the last kind into mojibake; macOS also writes
// names decomposed (NFD) where Assay's are composed (NFC).
import type { Entry } from "yauzl";

const UTF8_FLAG = 0x800;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

type NamedEntry = Pick<Entry, "fileName" | "fileNameRaw" | "generalPurposeBitFlag">;

/** yauzl's reading of the name first, then its raw bytes read as UTF-8 when that is another valid name; all NFC. */
export function candidateNames(entry: NamedEntry): string[] {
  const names = [entry.fileName.normalize("NFC")];
  if ((entry.generalPurposeBitFlag & UTF8_FLAG) !== 0) return names;
  try {
    const utf8 = strictUtf8.decode(entry.fileNameRaw).replace(/\\/g, "/").normalize("NFC");
    if (utf8 !== names[0]) names.push(utf8);
  } catch {
    // Not valid UTF-8: the CP437 reading is the only one.
  }
  return names;
}
