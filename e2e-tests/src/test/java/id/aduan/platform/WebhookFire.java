package id.aduan.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed WhatsApp webhooks (Meta's {@code X-Hub-Signature-256}) from new citizens, each a text
 * message to BDG's number, for a bounded time: at a fixed rate, or as fast as {@code concurrency}
 * senders get answers (the maximum). Each webhook is sent once; what became of it is a {@link
 * Fired}. Used by the end-to-end benchmark against Aduan and against the raw baseline alike.
 */
final class WebhookFire {

  /** One webhook: who sent it, when (epoch ms), how long its answer took (ns), the status. */
  record Fired(String phone, String wamid, long sentAtMillis, long answerNanos, int status) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  private final Outside outside = new Outside();
  private final String run;
  private final AtomicInteger next = new AtomicInteger();

  /** {@code run}: a short tag that makes this run's phones and wamids its own. */
  WebhookFire(String run) {
    this.run = run;
  }

  /** As many webhooks as {@code concurrency} senders get answered within {@code duration}. */
  List<Fired> maximum(String url, int concurrency, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    List<Fired> out = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        senders.submit(
            () -> {
              while (System.nanoTime() < end) {
                out.add(fire(url));
              }
            });
      }
    }
    return new ArrayList<>(out);
  }

  /** One webhook every {@code 1/perSecond} s for {@code duration}, each on its own thread. */
  List<Fired> fixedRate(String url, double perSecond, Duration duration) throws Exception {
    long interval = (long) (1_000_000_000L / perSecond);
    long start = System.nanoTime();
    long count = (long) (duration.toNanos() / interval);
    List<Fired> out = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < count; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        senders.submit(() -> out.add(fire(url)));
      }
    }
    return new ArrayList<>(out);
  }

  private static final String[] SUBJECTS = {
    "Lampu jalan mati",
    "Jalan berlubang besar",
    "Sampah menumpuk tidak diangkut",
    "Air PDAM tidak mengalir",
    "Bantuan PKH belum cair",
    "KTP elektronik belum jadi",
    "Saluran got tersumbat",
    "Pohon tumbang menutup jalan",
    "Pungutan liar di kelurahan",
    "Antrian puskesmas terlalu lama",
    "Trotoar dipakai pedagang",
    "Banjir setiap hujan deras",
    "Kabel listrik menjuntai",
    "Izin usaha tidak diproses",
    "Angkot ngetem sembarangan",
    "Jembatan kayu rapuh"
  };

  /**
   * Words the texts draw from, so that two citizens' complaints share few words (the duplicate
   * check compares word sets, ADR 0049): each text is a subject, a street, a neighbourhood and
   * eight of these, drawn by the complaint's number.
   */
  private static final String[] WORDS =
      ("anak sekolah ibu bapak warga tetangga pagi siang sore malam hujan panas debu bau asap"
              + " motor mobil truk becak sepeda gerobak pasar masjid gereja kantor sekolah lapangan"
              + " taman sungai selokan gang lorong pertigaan perempatan tikungan tanjakan turunan"
              + " rumah kios warung toko bengkel apotek klinik bidan posyandu balai kantor camat"
              + " lurah ketua petugas satpam dinas kemarin minggu bulan tahun lama sering kadang"
              + " selalu belum sudah pernah tidak bisa harus segera tolong mohon bantu cepat lambat"
              + " rusak patah bocor retak miring gelap licin sempit macet ramai sepi kotor basah"
              + " kering jatuh luka sakit takut bahaya resah kecewa marah sabar tunggu lapor telepon"
              + " surat formulir berkas foto bukti nomor antrian loket biaya tarif iuran denda"
              + " listrik lampu tiang kabel pipa kran sumur pompa tangki ember karung plastik kaca")
          .split(" ");

  private static final String[] STREETS = {
    "Cihampelas",
    "Dago",
    "Setiabudi",
    "Pasteur",
    "Sukajadi",
    "Cibaduyut",
    "Buahbatu",
    "Kopo",
    "Antapani",
    "Arcamanik",
    "Ujungberung",
    "Cicaheum",
    "Gegerkalong",
    "Sarijadi",
    "Cigadung",
    "Ciumbuleuit",
    "Lengkong",
    "Karapitan",
    "Astanaanyar",
    "Kiaracondong",
    "Margahayu",
    "Rancasari",
    "Gedebage",
    "Cibiru",
    "Mengger",
    "Moch Toha",
    "Soekarno Hatta",
    "Kebon Kawung",
    "Pajajaran",
    "Sukamulya"
  };

  /**
   * A complaint text of its own for complaint {@code n}: the same for the same {@code n}, and
   * unlike most others (a load of one repeated text would make every complaint a duplicate suspect
   * of every earlier one, which no agency sees).
   */
  static String text(int n) {
    java.util.Random r = new java.util.Random(n * 7919L + 17);
    StringBuilder out =
        new StringBuilder(SUBJECTS[r.nextInt(SUBJECTS.length)])
            .append(" di Jalan ")
            .append(STREETS[r.nextInt(STREETS.length)])
            .append(" RT ")
            .append(1 + r.nextInt(15))
            .append(" RW ")
            .append(1 + r.nextInt(12))
            .append(",");
    for (int i = 0; i < 8; i++) {
      out.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
    }
    return out.append(". Mohon ditindaklanjuti.").toString();
  }

  private Fired fire(String url) {
    int n = next.getAndIncrement();
    // 62859 and 8 digits: the run's tag picks a block of a million numbers, n a number in it.
    String phone =
        "62859" + String.format("%02d%06d", Math.floorMod(run.hashCode(), 100), n % 1_000_000);
    String wamid = "wamid.BENCH-" + run + "-" + n;
    byte[] body =
        WhatsAppLoad.envelope(phone, wamid, text(n) + " Ref " + run + "-" + n, "Warga Uji Beban")
            .getBytes(StandardCharsets.UTF_8);
    long sentAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Outside.Answer answer =
        outside.send(
            "POST",
            url,
            "application/json",
            body,
            "X-Hub-Signature-256",
            Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, body));
    return new Fired(phone, wamid, sentAt, System.nanoTime() - t0, answer.status());
  }
}
