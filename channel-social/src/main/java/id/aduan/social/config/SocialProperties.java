package id.aduan.social.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of Messenger and Instagram ({@code aduan.social.*}; the first four fixed by
 * CONTRACT.md).
 *
 * @param graphBaseUrl base URL of the Graph API, version included
 * @param appSecret key of {@code X-Hub-Signature-256}
 * @param verifyToken the verification handshake token
 * @param pageAccessToken bearer token of the Send API
 * @param maxBodySize webhooks larger than this are refused with 413
 * @param maxMediaSize attachments larger than this are not stored (status TOO_LARGE)
 * @param requestTimeout connect and read timeout of a Graph API call or a media download
 * @param retryAttempts attempts (first included) of a failing Send API call
 * @param mediaHosts the hosts attachments are downloaded from besides the Graph API's own ({@code
 *     *.domain} for subdomains), redirects included; any other URL is refused and never fetched
 */
@ConfigurationProperties("aduan.social")
public record SocialProperties(
    @DefaultValue("https://graph.facebook.com/v23.0") String graphBaseUrl,
    String appSecret,
    String verifyToken,
    String pageAccessToken,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("25MB") DataSize maxMediaSize,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("3") int retryAttempts,
    @DefaultValue("200ms") Duration retryBackoff,
    @DefaultValue({"lookaside.fbsbx.com", "*.fbcdn.net", "*.fbsbx.com", "*.cdninstagram.com"})
        List<String> mediaHosts) {}
