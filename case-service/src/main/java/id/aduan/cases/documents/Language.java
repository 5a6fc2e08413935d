package id.aduan.cases.documents;

import java.util.Locale;
import java.util.Map;

/**
 * The language of a document: Bahasa Indonesia first, English when asked. Every label an officer or
 * the agency's records read comes from here, never from an internal string.
 */
public enum Language {
  ID(
      Map.ofEntries(
          Map.entry("beritaAcara", "BERITA ACARA PENYELESAIAN PENGADUAN"),
          Map.entry("caseRecord", "BERKAS ARSIP PENGADUAN"),
          Map.entry("ticket", "Nomor tiket"),
          Map.entry("agency", "Instansi"),
          Map.entry("status", "Status"),
          Map.entry("caseType", "Jenis laporan"),
          Map.entry("channel", "Kanal"),
          Map.entry("intakeMode", "Cara penerimaan"),
          Map.entry("receivedAt", "Tanggal diterima"),
          Map.entry("slaClass", "Kelas layanan"),
          Map.entry("topic", "Topik"),
          Map.entry("division", "Unit penanganan"),
          Map.entry("assignee", "Petugas"),
          Map.entry("reporter", "Pelapor"),
          Map.entry("nik", "NIK"),
          Map.entry("phone", "Telepon"),
          Map.entry("address", "Alamat"),
          Map.entry("email", "Email"),
          Map.entry("anonymous", "Anonim"),
          Map.entry("confidential", "Rahasia"),
          Map.entry("resolution", "Penyelesaian"),
          Map.entry("whatWasDone", "Uraian penyelesaian"),
          Map.entry("doneBy", "Dilaksanakan oleh"),
          Map.entry("doneAt", "Tanggal penyelesaian"),
          Map.entry("resolutionFiles", "Lampiran penyelesaian"),
          Map.entry("citizenInformedVia", "Pelapor diberitahu melalui"),
          Map.entry("proofOfDelivery", "Bukti penyerahan"),
          Map.entry("complaint", "Isi pengaduan"),
          Map.entry("conversation", "Percakapan"),
          Map.entry("timeline", "Riwayat penanganan"),
          Map.entry("deadlines", "Tenggat waktu"),
          Map.entry("attachments", "Daftar lampiran"),
          Map.entry("rejection", "Alasan penolakan"),
          Map.entry("time", "Waktu"),
          Map.entry("actor", "Pelaku"),
          Map.entry("action", "Tindakan"),
          Map.entry("change", "Perubahan"),
          Map.entry("reason", "Keterangan"),
          Map.entry("clock", "Tahap"),
          Map.entry("due", "Batas waktu"),
          Map.entry("state", "Keadaan"),
          Map.entry("file", "Berkas"),
          Map.entry("type", "Jenis"),
          Map.entry("none", "Tidak ada"),
          Map.entry("masked", "Data pribadi disamarkan sesuai hak akses peran."),
          Map.entry("generated", "Dibuat"),
          Map.entry("version", "versi kasus"),
          Map.entry("page", "Halaman"),
          Map.entry("in", "masuk"),
          Map.entry("out", "keluar"),
          Map.entry("yes", "Ya"),
          Map.entry("no", "Tidak"))),
  EN(
      Map.ofEntries(
          Map.entry("beritaAcara", "RECORD OF COMPLAINT RESOLUTION (BERITA ACARA)"),
          Map.entry("caseRecord", "COMPLAINT CASE RECORD"),
          Map.entry("ticket", "Ticket"),
          Map.entry("agency", "Agency"),
          Map.entry("status", "Status"),
          Map.entry("caseType", "Report type"),
          Map.entry("channel", "Channel"),
          Map.entry("intakeMode", "Intake mode"),
          Map.entry("receivedAt", "Received"),
          Map.entry("slaClass", "Service class"),
          Map.entry("topic", "Topic"),
          Map.entry("division", "Handling unit"),
          Map.entry("assignee", "Officer"),
          Map.entry("reporter", "Reporter"),
          Map.entry("nik", "NIK"),
          Map.entry("phone", "Phone"),
          Map.entry("address", "Address"),
          Map.entry("email", "Email"),
          Map.entry("anonymous", "Anonymous"),
          Map.entry("confidential", "Confidential"),
          Map.entry("resolution", "Resolution"),
          Map.entry("whatWasDone", "What was done"),
          Map.entry("doneBy", "Done by"),
          Map.entry("doneAt", "Date resolved"),
          Map.entry("resolutionFiles", "Resolution attachments"),
          Map.entry("citizenInformedVia", "Reporter informed via"),
          Map.entry("proofOfDelivery", "Proof of delivery"),
          Map.entry("complaint", "Complaint"),
          Map.entry("conversation", "Conversation"),
          Map.entry("timeline", "Handling history"),
          Map.entry("deadlines", "Deadlines"),
          Map.entry("attachments", "Attachments"),
          Map.entry("rejection", "Reason for rejection"),
          Map.entry("time", "Time"),
          Map.entry("actor", "By"),
          Map.entry("action", "Action"),
          Map.entry("change", "Change"),
          Map.entry("reason", "Note"),
          Map.entry("clock", "Stage"),
          Map.entry("due", "Due"),
          Map.entry("state", "State"),
          Map.entry("file", "File"),
          Map.entry("type", "Type"),
          Map.entry("none", "None"),
          Map.entry("masked", "Personal data masked according to the role's access rights."),
          Map.entry("generated", "Generated"),
          Map.entry("version", "case version"),
          Map.entry("page", "Page"),
          Map.entry("in", "in"),
          Map.entry("out", "out"),
          Map.entry("yes", "Yes"),
          Map.entry("no", "No")));

  private final Map<String, String> labels;

  Language(Map<String, String> labels) {
    this.labels = labels;
  }

  String label(String key) {
    String l = labels.get(key);
    if (l == null) {
      throw new IllegalArgumentException("no label " + key);
    }
    return l;
  }

  Locale locale() {
    return this == ID ? Locale.forLanguageTag("id-ID") : Locale.UK;
  }

  /** {@code id} or {@code en}, as the API takes it. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Language of(String tag) {
    return valueOf(tag.toUpperCase(Locale.ROOT));
  }
}
