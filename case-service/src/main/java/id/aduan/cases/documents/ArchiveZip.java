package id.aduan.cases.documents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * One case's part of an archive bundle: its PDFs, its files, and a list of contents ({@value
 * #CONTENTS}) naming every entry with its size and SHA-256 and every file that could not be read
 * here, so that a gap in the bundle is visible, never silent.
 */
public final class ArchiveZip {

  static final String CONTENTS = "DAFTAR-ISI.txt";

  /** A file of the case: its bytes, or why they are not in the bundle. */
  public record CaseFile(String name, byte @Nullable [] bytes, @Nullable String missingReason) {}

  private ArchiveZip() {}

  /**
   * Writes the case under {@code prefix} (empty, or {@code TICKET/}): {@code berita-acara.pdf},
   * {@code case-record.pdf}, {@code lampiran/<n>-<name>}, and the list of contents.
   */
  public static void writeCase(
      ZipOutputStream zip,
      String prefix,
      String ticket,
      List<CaseDocuments.Rendered> documents,
      List<CaseFile> files)
      throws IOException {
    List<String> contents = new ArrayList<>();
    contents.add("Tiket / Ticket: " + ticket);
    for (CaseDocuments.Rendered d : documents) {
      String name = d.kind().fileStem() + ".pdf";
      put(zip, prefix + name, d.bytes());
      contents.add(line(name, d.bytes().length, d.sha256()));
    }
    Set<String> used = new HashSet<>();
    int n = 0;
    for (CaseFile f : files) {
      n++;
      String name = "lampiran/" + n + "-" + f.name();
      if (!used.add(name)) {
        continue;
      }
      if (f.bytes() == null) {
        contents.add(
            name
                + "  TIDAK TERSEDIA / NOT AVAILABLE: "
                + (f.missingReason() == null ? "-" : f.missingReason()));
        continue;
      }
      put(zip, prefix + name, f.bytes());
      contents.add(line(name, f.bytes().length, KeptDocuments.sha256(f.bytes())));
    }
    put(
        zip,
        prefix + CONTENTS,
        (String.join("\n", contents) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String line(String name, int size, String sha256) {
    return name + "  " + size + " bytes  sha256=" + sha256;
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
