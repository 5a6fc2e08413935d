package id.aduan.lapor.client;

/** LAPOR! answered something this adapter cannot read (unknown API version, missing fields). */
public class LaporProtocolException extends RuntimeException {
  public LaporProtocolException(String message) {
    super(message);
  }
}
