package id.aduan.cases.documents;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import org.jspecify.annotations.Nullable;

/** A status or a report type in the document's language. */
final class Labels {

  private Labels() {}

  static String status(@Nullable Object status, Language language) {
    if (status == null) {
      return "-";
    }
    CaseStatus s;
    try {
      s = CaseStatus.valueOf(status.toString());
    } catch (IllegalArgumentException e) {
      return status.toString();
    }
    boolean id = language == Language.ID;
    return switch (s) {
      case RECEIVED -> id ? "Diterima" : "Received";
      case INCOMPLETE -> id ? "Belum lengkap" : "Incomplete";
      case VERIFIED -> id ? "Terverifikasi" : "Verified";
      case ROUTED -> id ? "Diteruskan ke unit" : "Routed";
      case IN_PROGRESS -> id ? "Sedang ditangani" : "In progress";
      case ANSWERED -> id ? "Dijawab" : "Answered";
      case RESOLVED -> id ? "Selesai" : "Resolved";
      case ARCHIVED -> id ? "Diarsipkan" : "Archived";
      case REJECTED -> id ? "Ditolak" : "Rejected";
      default -> s.name();
    };
  }

  static String caseType(CaseType type, Language language) {
    boolean id = language == Language.ID;
    return switch (type) {
      case COMPLAINT -> id ? "Pengaduan" : "Complaint";
      case INFORMATION_REQUEST -> id ? "Permohonan informasi publik" : "Public information request";
      case ASPIRATION -> id ? "Aspirasi" : "Aspiration";
      default -> type.name();
    };
  }
}
