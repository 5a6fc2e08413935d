package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseStatus;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of every notice: the agency file's {@code templates} first, these defaults for an
 * agency file that leaves one out. Bahasa Indonesia by default, English available.
 */
public final class Texts {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  static final Map<String, Agency.Text> DEFAULTS =
      Map.ofEntries(
          Map.entry(
              "acknowledgement",
              new Agency.Text(
                  "Pengaduan Anda telah kami terima dengan nomor tiket {ticket}. {howToCheck}",
                  "We have received your complaint under ticket number {ticket}. {howToCheck}")),
          Map.entry(
              "howToCheck",
              new Agency.Text(
                  "Cek perkembangannya di {statusUrl} dengan nomor tiket {ticket}, atau balas"
                      + " pesan ini.",
                  "Check its progress at {statusUrl} with ticket number {ticket}, or reply to"
                      + " this message.")),
          Map.entry(
              "howToCheckByReply",
              new Agency.Text(
                  "Untuk menanyakan perkembangannya, balas pesan ini dengan nomor tiket {ticket}.",
                  "To ask about its progress, reply to this message with ticket number {ticket}.")),
          Map.entry(
              "informationRequest",
              new Agency.Text(
                  "Untuk memproses pengaduan {ticket}, mohon lengkapi: {missing}.",
                  "To process complaint {ticket}, please send: {missing}.")),
          Map.entry(
              "invalidNik",
              new Agency.Text(
                  "NIK yang Anda kirim untuk {ticket} tidak valid ({invalid}).",
                  "The NIK you sent for {ticket} is not valid ({invalid}).")),
          Map.entry(
              "invalid",
              new Agency.Text(
                  "Data untuk {ticket} perlu diperbaiki: {invalid}.",
                  "Some details for {ticket} need correcting: {invalid}.")),
          Map.entry(
              "routed",
              new Agency.Text(
                  "Pengaduan {ticket} telah diteruskan ke {division} untuk ditindaklanjuti.",
                  "Complaint {ticket} has been forwarded to {division} for follow-up.")),
          Map.entry(
              "inProgress",
              new Agency.Text(
                  "Pengaduan {ticket} sedang ditindaklanjuti oleh petugas kami.",
                  "Our officers are now working on complaint {ticket}.")),
          Map.entry(
              "answer",
              new Agency.Text(
                  "Tanggapan atas pengaduan {ticket}: {answer}",
                  "Our answer to complaint {ticket}: {answer}")),
          Map.entry(
              "resolved",
              new Agency.Text(
                  "Pengaduan {ticket} telah selesai ditindaklanjuti: {summary}. Terima kasih.",
                  "Complaint {ticket} has been resolved: {summary}. Thank you.")),
          Map.entry(
              "beritaAcara",
              new Agency.Text(
                  "Berita acara penyelesaian pengaduan {ticket} dapat diunduh di {beritaAcaraUrl}"
                      + " (berlaku sampai {beritaAcaraUntil}).",
                  "The record of resolution (berita acara) of complaint {ticket} can be"
                      + " downloaded at {beritaAcaraUrl} (valid until {beritaAcaraUntil}).")),
          Map.entry(
              "resolutionRecord",
              new Agency.Text(
                  "Tindak lanjut: {done} (berita acara {date}).",
                  "What was done: {done} (resolution record of {date}).")),
          Map.entry(
              "deadlineExtended",
              new Agency.Text(
                  "Waktu penyelesaian pengaduan {ticket} diperpanjang: {reason}",
                  "The time to settle complaint {ticket} has been extended: {reason}")),
          Map.entry(
              "dispositionOnline",
              new Agency.Text(
                  "Pengaduan {ticket} akan ditangani secara daring pada {time} melalui {method}.",
                  "Complaint {ticket} will be handled online on {time} by {method}.")),
          Map.entry(
              "dispositionFaceToFace",
              new Agency.Text(
                  "Pengaduan {ticket} akan ditangani secara tatap muka pada {time} di {place}."
                      + " Sampaikan nomor tiket kepada petugas piket.",
                  "Complaint {ticket} will be handled face to face on {time} at {place}. Give"
                      + " the ticket number to the duty officer.")),
          Map.entry(
              "rejected",
              new Agency.Text(
                  "Pengaduan {ticket} tidak dapat kami proses: {reason}",
                  "We cannot process complaint {ticket}: {reason}")),
          Map.entry(
              "reopened",
              new Agency.Text(
                  "Pengaduan {ticket} dibuka kembali dan sedang ditindaklanjuti lagi: {reason}",
                  "Complaint {ticket} has been reopened and is being followed up again:"
                      + " {reason}")),
          Map.entry(
              "closed",
              new Agency.Text(
                  "Pengaduan {ticket} telah ditutup dan diarsipkan. Terima kasih atas laporan"
                      + " Anda.",
                  "Complaint {ticket} has been closed and archived. Thank you for your report.")),
          Map.entry(
              "survey",
              new Agency.Text(
                  "Bagaimana penilaian Anda atas penanganan pengaduan {ticket}? Balas dengan satu"
                      + " angka: 1 (sangat tidak puas) sampai 5 (sangat puas).",
                  "How would you rate the handling of complaint {ticket}? Reply with one number:"
                      + " 1 (very dissatisfied) to 5 (very satisfied).")),
          Map.entry(
              "statusAnswer",
              new Agency.Text(
                  "Status pengaduan Anda di {agency}:\n{cases}",
                  "The status of your complaint at {agency}:\n{cases}")),
          Map.entry(
              "statusLine",
              new Agency.Text(
                  "{ticket}: {state} (diterima {received}){deadline}",
                  "{ticket}: {state} (received {received}){deadline}")),
          Map.entry(
              "statusDeadline", new Agency.Text(", target selesai {date}", ", due by {date}")),
          Map.entry(
              "statusNotFound",
              new Agency.Text(
                  "Kami tidak menemukan pengaduan dengan nomor {ticket} untuk nomor atau alamat"
                      + " ini. Periksa kembali nomor tiketnya, atau tuliskan pengaduan Anda di"
                      + " sini.",
                  "We found no complaint under number {ticket} for this number or address."
                      + " Please check the ticket number, or write your complaint here.")),
          Map.entry(
              "statusNoneOpen",
              new Agency.Text(
                  "Tidak ada pengaduan yang sedang diproses untuk nomor atau alamat ini. Untuk"
                      + " menanyakan pengaduan lain, kirim nomor tiketnya; untuk mengadu,"
                      + " tuliskan pengaduan Anda di sini.",
                  "There is no complaint in progress for this number or address. To ask about"
                      + " another complaint, send its ticket number; to complain, write your"
                      + " complaint here.")),
          Map.entry(
              "merged",
              new Agency.Text(
                  "Kabar terbaru pengaduan {ticket}:", "Latest news on complaint {ticket}:")),
          Map.entry(
              "officerRouted",
              new Agency.Text(
                  "Pengaduan baru {ticket} diteruskan ke {division}. Mohon ditindaklanjuti.",
                  "New complaint {ticket} was routed to {division}. Please follow it up.")),
          Map.entry(
              "officerAssigned",
              new Agency.Text(
                  "Pengaduan {ticket} ditugaskan kepada Anda ({officer}, {division}).",
                  "Complaint {ticket} has been assigned to you ({officer}, {division}).")),
          Map.entry(
              "slaWarning",
              new Agency.Text(
                  "Peringatan: {percent}% waktu penyelesaian pengaduan {ticket} telah terpakai."
                      + " Batas waktu: {deadline}.",
                  "Warning: {percent}% of the time allowed for complaint {ticket} is used."
                      + " Deadline: {deadline}.")),
          Map.entry(
              "slaBreached",
              new Agency.Text(
                  "Pengaduan {ticket} melewati batas waktu penyelesaian ({deadline}).",
                  "Complaint {ticket} is past its deadline ({deadline}).")),
          Map.entry(
              "slaEscalated",
              new Agency.Text(
                  "Eskalasi tingkat {level} ke {role}: pengaduan {ticket} melewati batas waktu"
                      + " ({deadline}).",
                  "Escalation level {level} to {role}: complaint {ticket} is past its deadline"
                      + " ({deadline}).")),
          Map.entry(
              "undeliverable",
              new Agency.Text(
                  "Pesan untuk warga pada pengaduan {ticket} gagal terkirim lewat {channel} dan"
                      + " tidak ada kanal lain. Mohon hubungi warga.",
                  "A message to the citizen on complaint {ticket} could not be delivered on"
                      + " {channel} and there is no other channel. Please contact the citizen.")),
          Map.entry(
              "digest",
              new Agency.Text(
                  "Rekap harian {division} per {date}: {open} pengaduan terbuka, {late}"
                      + " terlambat.",
                  "Daily digest of {division} for {date}: {open} open complaints, {late}"
                      + " late.")));

  /** What a case's status means to a citizen (as the public status page says it). */
  private static final Map<CaseStatus, Agency.Text> STATES =
      Map.of(
          CaseStatus.RECEIVED, new Agency.Text("diterima", "received"),
          CaseStatus.INCOMPLETE,
              new Agency.Text(
                  "menunggu kelengkapan data dari Anda", "waiting for details from you"),
          CaseStatus.VERIFIED, new Agency.Text("telah diverifikasi", "verified"),
          CaseStatus.ROUTED,
              new Agency.Text(
                  "diteruskan ke bidang yang menangani", "forwarded to the division in charge"),
          CaseStatus.IN_PROGRESS, new Agency.Text("sedang ditindaklanjuti", "being followed up"),
          CaseStatus.ANSWERED, new Agency.Text("telah dijawab", "answered"),
          CaseStatus.RESOLVED, new Agency.Text("selesai", "resolved"),
          CaseStatus.ARCHIVED, new Agency.Text("selesai dan diarsipkan", "resolved and archived"),
          CaseStatus.REJECTED,
              new Agency.Text("tidak dapat ditindaklanjuti", "cannot be followed up"),
          CaseStatus.MERGED,
              new Agency.Text("digabung dengan pengaduan lain", "merged with another complaint"));

  private Texts() {}

  /** The status in the citizen's language. */
  public static String state(CaseStatus status, String language) {
    return STATES.get(status).in(language);
  }

  /** The template's text in {@code language} with its placeholders filled. */
  public static String fill(
      Agency agency, String template, String language, Map<String, String> values) {
    Agency.Text text = agency.rules().templates().get(template);
    if (text == null) {
      text = DEFAULTS.get(template);
    }
    if (text == null) {
      throw new IllegalArgumentException("no template " + template);
    }
    Matcher m = PLACEHOLDER.matcher(text.in(language));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (m.group(1).equals("agency") && value == null) {
        value = agency.name();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "-" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
