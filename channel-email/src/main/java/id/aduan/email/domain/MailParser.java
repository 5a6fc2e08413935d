package id.aduan.email.domain;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the raw bytes of one mail into a {@link ParsedMail}. Tolerant where real mail is sloppy
 * (mislabelled charsets, RFC 2047 words in file names, unquoted display names, broken Content-Type
 * headers), strict where a mail could exhaust the service (size, part count, nesting depth).
 * Jakarta Mail is used as a MIME library only; nothing here touches a network.
 */
public final class MailParser {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final String FORWARD_MARK =
      "---------- Pesan terusan / Forwarded message ----------";

  private final MimeLimits limits;
  private final Session session;

  public MailParser(MimeLimits limits) {
    this.limits = limits;
    Properties props = new Properties();
    // Real mail carries raw UTF-8 in headers and addresses that break RFC 5322; read them anyway.
    props.setProperty("mail.mime.allowutf8", "true");
    props.setProperty("mail.mime.address.strict", "false");
    props.setProperty("mail.mime.parameters.strict", "false");
    props.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
    this.session = Session.getInstance(props);
  }

  public ParsedMail parse(byte[] raw) throws UnparseableMailException {
    if (raw.length > limits.maxMessageBytes()) {
      throw new UnparseableMailException(
          "TOO_LARGE",
          "message of " + raw.length + " bytes exceeds the cap of " + limits.maxMessageBytes());
    }
    try {
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
      Walk walk = new Walk(isDeliveryReport(message));
      Scope own = new Scope();
      walk.visit(message, 0, own);
      return assemble(message, raw, walk, own);
    } catch (UnparseableMailExceptionWrapper e) {
      throw e.cause;
    } catch (MessagingException | IOException | RuntimeException e) {
      throw new UnparseableMailException(
          "MALFORMED", "the MIME structure cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  private ParsedMail assemble(MimeMessage message, byte[] raw, Walk walk, Scope own)
      throws MessagingException {
    String messageId = firstId(header(message, "Message-ID"));
    String inReplyTo = firstId(header(message, "In-Reply-To"));
    List<String> references = allIds(header(message, "References"));
    InternetAddress from = firstAddress(header(message, "From"));
    List<String> envelope = new ArrayList<>();
    for (String name : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
      String[] values = message.getHeader(name);
      if (values != null) {
        for (String v : values) {
          addresses(v).forEach(a -> envelope.add(a.getAddress().toLowerCase(Locale.ROOT)));
        }
      }
    }
    String subject = decodeHeader(header(message, "Subject"));

    StringBuilder text = new StringBuilder(own.trimmedText());
    StringBuilder full = new StringBuilder(own.fullText());
    for (Scope forwarded : walk.forwards) {
      String block = forwarded.describe();
      text.append(text.isEmpty() ? "" : "\n\n").append(block).append(forwarded.trimmedText());
      full.append(full.isEmpty() ? "" : "\n\n").append(block).append(forwarded.fullText());
    }

    Classification kind = classify(message, walk, from);
    Bounce bounce =
        kind.kind() == MailKind.BOUNCE
            ? new Bounce(List.copyOf(walk.returnedIds), walk.dsnStatus, walk.dsnDiagnostic)
            : null;
    return new ParsedMail(
        messageId,
        inReplyTo,
        references,
        from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
        from == null ? null : blankToNull(from.getPersonal()),
        envelope,
        subject,
        text.toString().strip(),
        full.toString().strip(),
        walk.parts,
        kind.kind(),
        kind.reason(),
        bounce,
        sentAt(message),
        sha256(raw),
        walk.forwards.size(),
        message.getHeader("Authentication-Results") == null
            ? List.of()
            : List.of(message.getHeader("Authentication-Results")));
  }

  record Classification(MailKind kind, String reason) {}

  /** RFC 3834 and the de-facto headers of list servers and vacation responders. */
  private static Classification classify(
      MimeMessage message, Walk walk, @Nullable InternetAddress from) throws MessagingException {
    if (walk.deliveryReport) {
      return new Classification(MailKind.BOUNCE, "delivery-status");
    }
    String autoSubmitted = header(message, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return new Classification(MailKind.AUTO_REPLY, "auto-submitted");
    }
    String precedence = header(message, "Precedence");
    if (precedence != null
        && List.of("bulk", "list", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return new Classification(MailKind.AUTO_REPLY, "precedence");
    }
    var all = message.getAllHeaders();
    while (all.hasMoreElements()) {
      String name = all.nextElement().getName().toLowerCase(Locale.ROOT);
      if (name.startsWith("list-")) {
        return new Classification(MailKind.AUTO_REPLY, "mailing-list");
      }
      if (name.equals("x-autoreply") || name.equals("x-autorespond")) {
        return new Classification(MailKind.AUTO_REPLY, "x-autoreply");
      }
    }
    if (from != null) {
      String local = from.getAddress().toLowerCase(Locale.ROOT);
      if (local.startsWith("mailer-daemon@") || local.startsWith("postmaster@")) {
        return new Classification(MailKind.AUTO_REPLY, "mailer-daemon");
      }
    }
    String returnPath = header(message, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return new Classification(MailKind.AUTO_REPLY, "empty-return-path");
    }
    return new Classification(MailKind.COMPLAINT, "complaint");
  }

  private static boolean isDeliveryReport(MimeMessage message) {
    try {
      ContentType type = new ContentType(message.getContentType());
      return type.match("multipart/report")
          && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
    } catch (MessagingException | RuntimeException e) {
      return false;
    }
  }

  /** The text bodies of one message: the mail itself, or one forwarded inside it. */
  private static final class Scope {
    final List<String> plain = new ArrayList<>();
    final List<String> html = new ArrayList<>();
    @Nullable String from;
    @Nullable String subject;

    String fullText() {
      if (plain.stream().anyMatch(s -> !s.isBlank())) {
        return HtmlText.tidy(String.join("\n\n", plain));
      }
      return HtmlText.toText(String.join("\n", html));
    }

    String trimmedText() {
      if (plain.stream().anyMatch(s -> !s.isBlank())) {
        return ReplyTrimmer.trim(String.join("\n\n", plain));
      }
      List<String> fresh = html.stream().map(HtmlText::withoutQuotedHistory).toList();
      return ReplyTrimmer.trim(HtmlText.toText(String.join("\n", fresh)));
    }

    String describe() {
      StringBuilder s = new StringBuilder(FORWARD_MARK).append('\n');
      if (from != null) {
        s.append("Dari / From: ").append(from).append('\n');
      }
      if (subject != null) {
        s.append("Perihal / Subject: ").append(subject).append('\n');
      }
      return s.append('\n').toString();
    }
  }

  private final class Walk {
    final boolean deliveryReport;
    final List<MailPart> parts = new ArrayList<>();
    final List<Scope> forwards = new ArrayList<>();
    final Set<String> returnedIds = new LinkedHashSet<>();
    @Nullable String dsnStatus;
    @Nullable String dsnDiagnostic;
    int count;

    Walk(boolean deliveryReport) {
      this.deliveryReport = deliveryReport;
    }

    void visit(Part part, int depth, Scope scope)
        throws MessagingException, IOException, UnparseableMailExceptionWrapper {
      if (++count > limits.maxParts()) {
        throw new UnparseableMailExceptionWrapper(
            new UnparseableMailException(
                "TOO_MANY_PARTS", "more than " + limits.maxParts() + " MIME parts"));
      }
      if (depth > limits.maxDepth()) {
        throw new UnparseableMailExceptionWrapper(
            new UnparseableMailException(
                "TOO_DEEP", "MIME parts nested deeper than " + limits.maxDepth()));
      }
      ContentType type = contentType(part);
      String disposition = disposition(part);
      String fileName = fileName(part);
      boolean attachment = "attachment".equals(disposition) || fileName != null;

      if (type.getPrimaryType().equalsIgnoreCase("multipart")) {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
          for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            visit(child, depth + 1, scope);
          }
          return;
        }
      }
      if (deliveryReport && depth > 0) {
        if (type.match("message/delivery-status")) {
          readDeliveryStatus(part);
          return;
        }
        if (type.match("message/rfc822") || type.match("text/rfc822-headers")) {
          InternetHeaders headers = new InternetHeaders(part.getInputStream());
          returnedIds.addAll(allIds(headers.getHeader("Message-ID", null)));
          return;
        }
      }
      if (type.match("message/rfc822")) {
        // Forwarded inline or "as attachment": either way its text is part of the complaint.
        MimeMessage nested = new MimeMessage(session, part.getInputStream());
        Scope forwarded = new Scope();
        InternetAddress from = firstAddress(header(nested, "From"));
        forwarded.from = from == null ? null : from.toUnicodeString();
        forwarded.subject = decodeHeader(header(nested, "Subject"));
        forwards.add(forwarded);
        visit(nested, depth + 1, forwarded);
        return;
      }
      if (!attachment && type.match("text/plain")) {
        scope.plain.add(decodeText(readAll(part), type.getParameter("charset")));
        return;
      }
      if (!attachment && type.match("text/html")) {
        scope.html.add(decodeText(readAll(part), type.getParameter("charset")));
        return;
      }
      storePart(part, type, disposition, fileName);
    }

    private void storePart(
        Part part, ContentType type, @Nullable String disposition, @Nullable String fileName)
        throws MessagingException, IOException {
      byte[] content;
      long size;
      try (InputStream in = part.getInputStream()) {
        byte[] head =
            in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxAttachmentBytes() + 1));
        if (head.length > limits.maxAttachmentBytes()) {
          content = null;
          size = head.length + in.transferTo(OutputStream.nullOutputStream());
        } else {
          content = head;
          size = head.length;
        }
      }
      String contentId = header(part, "Content-ID");
      parts.add(
          new MailPart(
              fileName,
              type.getBaseType().toLowerCase(Locale.ROOT),
              content,
              size,
              "inline".equals(disposition) || contentId != null,
              contentId == null ? null : contentId.strip()));
    }

    private void readDeliveryStatus(Part part) throws MessagingException, IOException {
      String text = new String(readAll(part), StandardCharsets.UTF_8);
      for (String line : text.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (name.equals("status") && dsnStatus == null) {
          dsnStatus = value;
        } else if (name.equals("diagnostic-code") && dsnDiagnostic == null) {
          dsnDiagnostic = value;
        }
      }
    }
  }

  /** Carries a parse rejection out of the recursive walk without widening every signature. */
  private static final class UnparseableMailExceptionWrapper extends RuntimeException {
    final UnparseableMailException cause;

    UnparseableMailExceptionWrapper(UnparseableMailException cause) {
      super(cause.getMessage(), null, false, false);
      this.cause = cause;
    }
  }

  private static byte[] readAll(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static ContentType contentType(Part part) {
    try {
      String raw = part.getContentType();
      return new ContentType(raw == null ? "text/plain" : raw);
    } catch (MessagingException | RuntimeException e) {
      // A Content-Type no parser understands: treat the part as opaque bytes, not as a failure.
      return new ContentType("application", "octet-stream", null);
    }
  }

  private static @Nullable String disposition(Part part) {
    try {
      String raw = header(part, "Content-Disposition");
      return raw == null
          ? null
          : new ContentDisposition(raw).getDisposition().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  /**
   * RFC 2231 names come decoded from Jakarta Mail; Outlook's RFC 2047 words inside a quoted name
   * (not allowed, but common) are decoded here.
   */
  private static @Nullable String fileName(Part part) {
    String name;
    try {
      name = part.getFileName();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
    if (name == null) {
      return null;
    }
    String decoded = name.contains("=?") ? decodeHeader(name) : name;
    // never let a name carry a path out of its folder
    return decoded == null ? null : decoded.replaceAll("[\\\\/\\x00-\\x1f]", "_");
  }

  /**
   * Decodes a text body. A declared charset is trusted unless the bytes contradict it: US-ASCII and
   * UTF-8 labels on bytes that are not valid UTF-8, and unknown labels, fall back to windows-1252,
   * which is what mislabelled Western mail nearly always is; ISO-8859-1 is read as windows-1252, as
   * browsers do, because senders use the 0x80-0x9F range for quotes and dashes.
   */
  static String decodeText(byte[] bytes, @Nullable String declared) {
    Charset charset = null;
    if (declared != null) {
      try {
        charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
      } catch (RuntimeException e) {
        charset = null;
      }
    }
    if (charset == null
        || charset.equals(StandardCharsets.US_ASCII)
        || charset.equals(StandardCharsets.UTF_8)) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        return new String(bytes, WINDOWS_1252);
      }
    }
    if (charset.equals(StandardCharsets.ISO_8859_1)) {
      return new String(bytes, WINDOWS_1252);
    }
    return new String(bytes, charset);
  }

  private static @Nullable String header(Part part, String name) throws MessagingException {
    String[] values = part.getHeader(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  static @Nullable String decodeHeader(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String unfolded = raw.replaceAll("\r?\n[ \t]+", " ").strip();
    try {
      // decodeText drops the whitespace between adjacent encoded words, as RFC 2047 says.
      return MimeUtility.decodeText(unfolded);
    } catch (IOException | RuntimeException e) {
      return unfolded;
    }
  }

  private static @Nullable String firstId(@Nullable String raw) {
    List<String> ids = allIds(raw);
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    if (raw == null || raw.isBlank()) {
      return null;
    }
    // Some senders omit the angle brackets; keep the id in its canonical form all the same.
    return "<" + raw.strip() + ">";
  }

  static List<String> allIds(@Nullable String raw) {
    if (raw == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    Matcher m = MESSAGE_ID.matcher(raw);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  private static @Nullable InternetAddress firstAddress(@Nullable String raw) {
    List<InternetAddress> all = addresses(raw);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Lenient first, then whatever looks like an address: a broken From must not lose the mail. */
  static List<InternetAddress> addresses(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(raw, false);
      List<InternetAddress> ok = new ArrayList<>();
      for (InternetAddress a : parsed) {
        if (a.getAddress() != null && BARE_ADDRESS.matcher(a.getAddress()).matches()) {
          ok.add(a);
        }
      }
      if (!ok.isEmpty()) {
        return ok;
      }
    } catch (AddressException | RuntimeException e) {
      // fall through to the pattern
    }
    List<InternetAddress> found = new ArrayList<>();
    Matcher m = BARE_ADDRESS.matcher(raw);
    while (m.find()) {
      InternetAddress a = new InternetAddress();
      a.setAddress(m.group());
      found.add(a);
    }
    return found;
  }

  private static @Nullable Instant sentAt(MimeMessage message) {
    try {
      Date date = message.getSentDate();
      return date == null ? null : date.toInstant();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** SHA-256 of the bytes, hex. */
  public static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
