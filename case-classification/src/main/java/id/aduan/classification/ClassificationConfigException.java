package id.aduan.classification;

/** A classification file or model that cannot be used, with the file and the reason. */
public class ClassificationConfigException extends RuntimeException {

  public ClassificationConfigException(String message) {
    super(message);
  }

  public ClassificationConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
