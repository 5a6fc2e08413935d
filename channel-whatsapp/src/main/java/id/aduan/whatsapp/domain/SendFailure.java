package id.aduan.whatsapp.domain;

import org.jspecify.annotations.Nullable;

/**
 * What to do when the provider refused a send, from its HTTP status and WhatsApp error code
 * (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */
public enum SendFailure {
  /** Transient: 5xx, 131000 (something went wrong), 130429 (throughput), 131056 (pair rate). */
  RETRY,
  /** 131047: the 24-hour window has closed; send the approved template instead. */
  USE_TEMPLATE,
  /** 190: the access token expired or was revoked; nothing succeeds until an operator acts. */
  TOKEN_INVALID,
  /** 131026 (undeliverable), 131051 (unsupported type) and every other refusal: do not retry. */
  FINAL;

  public static SendFailure classify(int httpStatus, @Nullable Integer code) {
    if (code != null) {
      switch (code) {
        case 131000, 130429, 131056, 2, 4, 80007 -> {
          return RETRY;
        }
        case 131047 -> {
          return USE_TEMPLATE;
        }
        case 190 -> {
          return TOKEN_INVALID;
        }
        case 131026, 131051 -> {
          return FINAL;
        }
        default -> {}
      }
    }
    return byStatus(httpStatus);
  }

  /**
   * The same for Twilio's Messages API (www.twilio.com/docs/api/errors): 63016 is its "outside the
   * 24-hour window", 20003 a refused credential, 20429 and 63018 its rate limits.
   */
  public static SendFailure classifyTwilio(int httpStatus, @Nullable Integer code) {
    if (code != null) {
      switch (code) {
        case 63016 -> {
          return USE_TEMPLATE;
        }
        case 20003 -> {
          return TOKEN_INVALID;
        }
        case 20429, 63018 -> {
          return RETRY;
        }
        default -> {}
      }
    }
    return byStatus(httpStatus);
  }

  /** Without a known code: no answer, 429 and 5xx are transient, 401 a credential problem. */
  private static SendFailure byStatus(int httpStatus) {
    if (httpStatus >= 500 || httpStatus == 429 || httpStatus == 0) {
      return RETRY;
    }
    return httpStatus == 401 ? TOKEN_INVALID : FINAL;
  }
}
