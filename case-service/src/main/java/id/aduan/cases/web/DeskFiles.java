package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseFiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploaded files of the officer API (front-desk intake, an officer's attachments, field photos)
 * into the case service's own store (docs/adr/0052): the per-case limit and the requirement labels
 * are checked before a byte is kept; each file is typed by its bytes; the kept files are returned
 * as the case's {@link CaseState.FileInfo}. Counted as {@code aduan.cases.files.attached{source}}.
 */
@Component
class DeskFiles {

  private final CaseFiles store;
  private final MeterRegistry meters;

  DeskFiles(CaseFiles store, MeterRegistry meters) {
    this.store = store;
    this.meters = meters;
  }

  /**
   * Keeps {@code files} for a case of {@code agency} that holds {@code already} kept files; {@code
   * requirements} labels them by position (the i-th label the i-th file; blank: none).
   */
  List<CaseState.FileInfo> keep(
      Agency agency,
      int already,
      @Nullable List<MultipartFile> files,
      @Nullable List<String> requirements,
      String source) {
    List<MultipartFile> uploads =
        files == null ? List.of() : files.stream().filter(f -> !f.isEmpty() || hasName(f)).toList();
    List<String> labels = requirements == null ? List.of() : requirements;
    if (labels.size() > uploads.size()) {
      throw new IllegalArgumentException(
          "lebih banyak label persyaratan daripada berkas / more requirement labels than files");
    }
    List<String> named = labels.stream().filter(l -> l != null && !l.isBlank()).toList();
    Case.checkDeskRequirements(agency, named);
    store.checkRoom(already, uploads.size());
    List<CaseState.FileInfo> kept = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      MultipartFile upload = uploads.get(i);
      String label = i < labels.size() && !labels.get(i).isBlank() ? labels.get(i).strip() : null;
      CaseFiles.StoredFile stored =
          store.store(agency.code(), upload.getOriginalFilename(), bytes(upload));
      kept.add(
          CaseState.FileInfo.caseFile(
              stored.id(), stored.declaredName(), stored.mediaType(), label));
    }
    if (!kept.isEmpty()) {
      meters.counter("aduan.cases.files.attached", "source", source).increment(kept.size());
    }
    return kept;
  }

  private static boolean hasName(MultipartFile f) {
    return f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank();
  }

  private static byte[] bytes(MultipartFile upload) {
    try {
      return upload.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
