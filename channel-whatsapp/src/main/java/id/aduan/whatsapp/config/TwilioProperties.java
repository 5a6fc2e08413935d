package id.aduan.whatsapp.config;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Twilio's WhatsApp ({@code aduan.twilio.*}; the first two are fixed by CONTRACT.md).
 * Needed only when an agency's number has {@code provider: twilio}: without an auth token every
 * Twilio webhook is refused.
 *
 * @param authToken key of {@code X-Twilio-Signature} and, with the account SID, the REST password
 * @param apiBaseUrl base URL of Twilio's REST API
 * @param accountSid the account the Messages API sends from
 * @param mediaHosts the hosts a {@code MediaUrlN} may name besides the REST API's own ({@code
 *     *.domain} for subdomains); any other media URL is refused and never fetched
 */
@ConfigurationProperties("aduan.twilio")
public record TwilioProperties(
    @Nullable String authToken,
    @DefaultValue("https://api.twilio.com") String apiBaseUrl,
    @Nullable String accountSid,
    @DefaultValue("api.twilio.com") List<String> mediaHosts) {}
