package id.aduan.sla.domain;

/**
 * What comes due on a running clock: a warning at a fraction of the allowed office time, the breach
 * at the deadline, or a step of the escalation chain after it. Each level is announced at most once
 * per run of a clock; {@link #key()} is its stored name ({@code warning:0.5}, {@code breach},
 * {@code escalation:1}), which {@link #parse} reads back.
 */
public sealed interface DueLevel {

  /** The stored name of the level, unique within a clock. */
  String key();

  /** The kind of level, for metrics: {@code warning}, {@code breach} or {@code escalation}. */
  String kind();

  /** A warning when {@code fraction} of the allowed office time is used up. */
  record Warning(double fraction) implements DueLevel {
    public Warning {
      if (fraction <= 0 || fraction >= 1) {
        throw new IllegalArgumentException("a warning fraction lies between 0 and 1: " + fraction);
      }
    }

    @Override
    public String key() {
      return "warning:" + fraction;
    }

    @Override
    public String kind() {
      return "warning";
    }
  }

  /** The deadline itself. */
  record Breach() implements DueLevel {
    @Override
    public String key() {
      return "breach";
    }

    @Override
    public String kind() {
      return "breach";
    }
  }

  /** Step {@code step} (1, 2, ...) of the agency's escalation chain. */
  record Escalation(int step) implements DueLevel {
    public Escalation {
      if (step < 1) {
        throw new IllegalArgumentException("escalation steps count from 1: " + step);
      }
    }

    @Override
    public String key() {
      return "escalation:" + step;
    }

    @Override
    public String kind() {
      return "escalation";
    }
  }

  DueLevel BREACH = new Breach();

  /** Reads a stored level name back; a name this version does not know is refused. */
  static DueLevel parse(String key) {
    int colon = key.indexOf(':');
    String kind = colon < 0 ? key : key.substring(0, colon);
    try {
      return switch (kind) {
        case "breach" -> {
          if (colon >= 0) {
            throw new IllegalArgumentException("breach takes no argument");
          }
          yield BREACH;
        }
        case "warning" -> new Warning(Double.parseDouble(key.substring(colon + 1)));
        case "escalation" -> new Escalation(Integer.parseInt(key.substring(colon + 1)));
        default -> throw new IllegalArgumentException("unknown kind " + kind);
      };
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("'" + key + "' is not a due level: " + e.getMessage(), e);
    }
  }
}
