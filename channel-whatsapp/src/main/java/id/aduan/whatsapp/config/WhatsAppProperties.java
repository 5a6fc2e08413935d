package id.aduan.whatsapp.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WhatsApp Cloud API ({@code aduan.whatsapp.*}, fixed by CONTRACT.md).
 *
 * @param graphBaseUrl base URL of the Graph API, version included
 * @param appSecret key of {@code X-Hub-Signature-256}
 * @param verifyToken the verification handshake token
 * @param accessToken bearer token for sends and media
 * @param maxBodySize webhooks larger than this are refused with 413
 */
@ConfigurationProperties("aduan.whatsapp")
public record WhatsAppProperties(
    @DefaultValue("https://graph.facebook.com/v23.0") String graphBaseUrl,
    String appSecret,
    String verifyToken,
    String accessToken,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("10s") Duration requestTimeout) {}
