package id.aduan.agency;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The agencies a service knows, loaded from YAML files and validated as a whole (codes and channel
 * addresses must be unique). A bad file fails the load with file, path, line and reason, so a
 * service never starts with a configuration it does not understand.
 */
public final class AgencyCatalog {

  /** The classpath folder of the bundled agency files and the index that lists them. */
  public static final String CLASSPATH_DIR = "agencies/";

  private static final Pattern CODE = Pattern.compile("[A-Z]{2,8}");
  private static final List<String> FRONT_DESK_MODES =
      List.of("walk-in", "letter", "complaint-box", "phone");

  private final List<Agency> agencies;
  private final Map<String, Agency> byCode = new HashMap<>();
  private final Map<String, Agency> byWhatsAppNumberId = new HashMap<>();
  private final Map<String, Agency> byMailbox = new HashMap<>();
  private final Map<String, Agency> byLaporId = new HashMap<>();
  private final Map<String, Agency> bySocialAccount = new HashMap<>();

  private AgencyCatalog(List<Agency> agencies) {
    this.agencies = List.copyOf(agencies);
    for (Agency a : agencies) {
      unique(byCode, a.code(), a, "code");
      a.channels()
          .whatsappChannel()
          .ifPresent(
              w -> unique(byWhatsAppNumberId, w.phoneNumberId(), a, "WhatsApp phone-number id"));
      a.channels()
          .mailboxes()
          .forEach(m -> unique(byMailbox, m.toLowerCase(Locale.ROOT), a, "mailbox"));
      if (a.channels().laporAgencyId() != null) {
        unique(byLaporId, a.channels().laporAgencyId(), a, "LAPOR! agency id");
      }
      if (a.channels().facebookPageId() != null) {
        unique(bySocialAccount, a.channels().facebookPageId(), a, "Facebook page id");
      }
      if (a.channels().instagramAccountId() != null) {
        unique(bySocialAccount, a.channels().instagramAccountId(), a, "Instagram account id");
      }
    }
  }

  private static void unique(Map<String, Agency> index, String key, Agency agency, String what) {
    Agency previous = index.putIfAbsent(key, agency);
    if (previous != null) {
      throw new AgencyConfigException(
          agency.sourceFile(),
          what,
          1,
          what + " '" + key + "' is also used by " + previous.sourceFile());
    }
  }

  /** The agency files bundled with the platform (the five demo standards). */
  public static AgencyCatalog bundled() {
    ClassLoader loader = AgencyCatalog.class.getClassLoader();
    List<Agency> agencies = new ArrayList<>();
    for (String name : readLines(loader, CLASSPATH_DIR + "index.txt")) {
      try (InputStream in = loader.getResourceAsStream(CLASSPATH_DIR + name)) {
        if (in == null) {
          throw new AgencyConfigException(name, "", 0, "listed in agencies/index.txt but missing");
        }
        agencies.add(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new AgencyConfigException(name, "", 0, "cannot be read: " + e.getMessage());
      }
    }
    return new AgencyCatalog(agencies);
  }

  /** Every {@code *.yaml} file of a directory (an operator's own set). */
  public static AgencyCatalog fromDirectory(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Agency> agencies = new ArrayList<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        agencies.add(parse(file.toString(), Files.readString(file)));
      }
      if (agencies.isEmpty()) {
        throw new AgencyConfigException(dir.toString(), "", 0, "holds no *.yaml agency file");
      }
      return new AgencyCatalog(agencies);
    } catch (IOException e) {
      throw new AgencyConfigException(dir.toString(), "", 0, "cannot be read: " + e.getMessage());
    }
  }

  /** The directory when one is given, else the bundled files. */
  public static AgencyCatalog load(Optional<Path> dir) {
    return dir.map(AgencyCatalog::fromDirectory).orElseGet(AgencyCatalog::bundled);
  }

  public static AgencyCatalog of(Collection<Agency> agencies) {
    return new AgencyCatalog(List.copyOf(agencies));
  }

  /** Parses and validates one agency file. */
  public static Agency parse(String fileName, String yaml) {
    Node root;
    try (Reader reader = new StringReader(yaml)) {
      root = new Yaml(new LoaderOptions()).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new AgencyConfigException(fileName, "", line, "not valid YAML: " + e.getProblem());
    } catch (IOException e) {
      throw new AgencyConfigException(fileName, "", 0, e.getMessage());
    }
    if (root == null) {
      throw new AgencyConfigException(fileName, "", 1, "the file is empty");
    }
    return AgencyFile.read(fileName, new YamlNode(fileName, "", root));
  }

  public List<Agency> all() {
    return agencies;
  }

  public Optional<Agency> byCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Optional<Agency> byWhatsAppPhoneNumberId(String phoneNumberId) {
    return Optional.ofNullable(byWhatsAppNumberId.get(phoneNumberId));
  }

  public Optional<Agency> byMailbox(String address) {
    return Optional.ofNullable(byMailbox.get(address.toLowerCase(Locale.ROOT)));
  }

  public Optional<Agency> byLaporAgencyId(String laporId) {
    return Optional.ofNullable(byLaporId.get(laporId));
  }

  /** By Facebook page id or Instagram account id. */
  public Optional<Agency> bySocialAccountId(String accountId) {
    return Optional.ofNullable(bySocialAccount.get(accountId));
  }

  private static List<String> readLines(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AgencyConfigException(resource, "", 0, "missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new AgencyConfigException(resource, "", 0, e.getMessage());
    }
  }

  /** The mapping from the YAML layout to {@link Agency}. */
  static final class AgencyFile {

    private AgencyFile() {}

    static Agency read(String fileName, YamlNode root) {
      List<String> keys =
          new ArrayList<>(
              List.of(
                  "code", "name", "timeZone", "language", "standard", "officeHours", "channels"));
      keys.addAll(RulesFile.KEYS);
      root.allowOnly(keys.toArray(String[]::new));
      String code = root.text("code");
      if (!CODE.matcher(code).matches()) {
        throw root.required("code")
            .error("must be 2 to 8 capital letters (it starts every ticket number)");
      }
      ZoneId zone = root.parse("timeZone", ZoneId::of, "a time zone such as Asia/Jakarta");
      String language = root.textOr("language", "id");
      if (!List.of("id", "en").contains(language)) {
        throw root.required("language").error("must be id or en");
      }
      YamlNode standard = root.required("standard").allowOnly("file", "decree");
      YamlNode hours = root.optional("officeHours").orElse(null);
      Agency.OfficeHours officeHours =
          new Agency.OfficeHours(LocalTime.of(8, 0), LocalTime.of(16, 0));
      if (hours != null) {
        hours.allowOnly("open", "close");
        officeHours =
            new Agency.OfficeHours(
                hours.parse("open", LocalTime::parse, "a time such as 08:00"),
                hours.parse("close", LocalTime::parse, "a time such as 16:00"));
        if (!officeHours.close().isAfter(officeHours.open())) {
          throw hours.error("close must be after open");
        }
      }
      return new Agency(
          code,
          root.text("name"),
          zone,
          language,
          new Agency.Standard(standard.text("file"), standard.textOrNull("decree")),
          officeHours,
          channels(root.required("channels")),
          fileName,
          RulesFile.read(root));
    }

    private static Agency.Channels channels(YamlNode channels) {
      channels.allowOnly("whatsapp", "email", "lapor", "facebook", "instagram", "frontDesk", "web");
      Agency.WhatsApp whatsapp =
          channels
              .optional("whatsapp")
              .map(
                  w -> {
                    w.allowOnly(
                        "phoneNumberId",
                        "displayNumber",
                        "provider",
                        "chatOnly",
                        "ackTemplate",
                        "windowTemplate",
                        "windowTemplateLanguage");
                    String provider = w.textOr("provider", "meta");
                    if (!List.of("meta", "twilio").contains(provider)) {
                      throw w.required("provider").error("must be meta or twilio");
                    }
                    String id = w.text("phoneNumberId");
                    if (!id.chars().allMatch(Character::isDigit)) {
                      throw w.required("phoneNumberId").error("must be digits only");
                    }
                    return new Agency.WhatsApp(
                        id,
                        w.text("displayNumber"),
                        provider,
                        w.optional("chatOnly")
                            .map(n -> n.as(AgencyFile::bool, "true or false"))
                            .orElse(false),
                        w.textOrNull("ackTemplate"),
                        w.textOrNull("windowTemplate"),
                        w.textOrNull("windowTemplateLanguage"));
                  })
              .orElse(null);
      List<String> mailboxes =
          channels
              .optional("email")
              .map(e -> e.allowOnly("mailboxes"))
              .map(e -> e.list("mailboxes"))
              .orElse(List.of())
              .stream()
              .map(n -> n.as(AgencyFile::mailbox, "an email address"))
              .toList();
      List<String> frontDesk = channels.textList("frontDesk");
      for (YamlNode mode : channels.list("frontDesk")) {
        if (!FRONT_DESK_MODES.contains(mode.scalar())) {
          throw mode.error("unknown front-desk mode (allowed: " + FRONT_DESK_MODES + ")");
        }
      }
      return new Agency.Channels(
          whatsapp,
          mailboxes,
          id(channels, "lapor", "agencyId"),
          id(channels, "facebook", "pageId"),
          id(channels, "instagram", "accountId"),
          frontDesk,
          channels.optional("web").map(AgencyFile::web).orElse(null));
    }

    /** {@code web: {anonymous: true, confidential: true}}: the form, and what it may offer. */
    private static Agency.Web web(YamlNode web) {
      web.allowOnly("anonymous", "confidential");
      return new Agency.Web(flag(web, "anonymous"), flag(web, "confidential"));
    }

    private static boolean flag(YamlNode node, String key) {
      return node.optional(key).map(n -> n.as(AgencyFile::bool, "true or false")).orElse(false);
    }

    private static String id(YamlNode channels, String channel, String key) {
      return channels.optional(channel).map(c -> c.allowOnly(key, "name").text(key)).orElse(null);
    }

    private static boolean bool(String raw) {
      return switch (raw) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(raw);
      };
    }

    private static String mailbox(String raw) {
      if (!raw.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new IllegalArgumentException(raw);
      }
      return raw.toLowerCase(Locale.ROOT);
    }
  }
}
