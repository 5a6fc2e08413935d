package id.aduan.agency;

/** A bad agency file: the message names the file, the path inside it, the line and the reason. */
public final class AgencyConfigException extends RuntimeException {

  private final String file;
  private final String path;
  private final int line;

  public AgencyConfigException(String file, String path, int line, String reason) {
    super(file + ":" + line + ": " + path + ": " + reason);
    this.file = file;
    this.path = path;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public int line() {
    return line;
  }
}
