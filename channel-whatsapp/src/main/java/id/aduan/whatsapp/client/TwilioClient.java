package id.aduan.whatsapp.client;

import id.aduan.agency.AgencyCatalog;
import id.aduan.support.web.MediaHosts;
import id.aduan.whatsapp.config.TwilioProperties;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.SendFailure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Messages API for agency numbers with {@code provider: twilio}: {@code POST
 * {api-base-url}/2010-04-01/Accounts/{AccountSid}/Messages.json} with HTTP Basic (account SID and
 * auth token), {@code From}/{@code To} as {@code whatsapp:+<digits>}, a {@code Body} or, outside
 * the window, a {@code ContentSid} with {@code ContentVariables}. Media of inbound messages is
 * fetched from {@code MediaUrlN} with the same credentials. Same retry and circuit as the Graph
 * API.
 */
@Component
public class TwilioClient implements WhatsAppSender {

  private final RestClient http;
  private final TwilioProperties twilio;
  private final AgencyCatalog agencies;
  private final JsonMapper json;
  private final Resilience resilience;
  private final MediaHosts mediaHosts;

  TwilioClient(
      RestClient.Builder builder,
      TwilioProperties twilio,
      WhatsAppProperties properties,
      AgencyCatalog agencies,
      JsonMapper json,
      MeterRegistry meters) {
    this.twilio = twilio;
    this.agencies = agencies;
    this.json = json;
    // Twilio answers a media URL with a redirect to its storage.
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    requests.setReadTimeout(properties.requestTimeout());
    this.http = builder.clone().baseUrl(twilio.apiBaseUrl()).requestFactory(requests).build();
    this.resilience = new Resilience("twilio", properties, meters);
    // The first URL must be Twilio's; the redirect it answers with is Twilio's own.
    this.mediaHosts = new MediaHosts(twilio.apiBaseUrl(), twilio.mediaHosts());
  }

  @Override
  public String sendText(
      String phoneNumberId, String to, String body, @Nullable String contextMessageId) {
    MultiValueMap<String, String> form = form(phoneNumberId, to);
    form.add("Body", body);
    return send(form);
  }

  /** {@code name} is the Content SID ({@code HX...}); the parameters become {{1}}, {{2}}, ... */
  @Override
  public String sendTemplate(
      String phoneNumberId, String to, String name, String language, List<String> parameters) {
    MultiValueMap<String, String> form = form(phoneNumberId, to);
    form.add("ContentSid", name);
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      variables.put(String.valueOf(i + 1), parameters.get(i));
    }
    if (!variables.isEmpty()) {
      form.add("ContentVariables", json.writeValueAsString(variables));
    }
    return send(form);
  }

  @Override
  public String sendDocument(
      String phoneNumberId,
      String to,
      String url,
      String fileName,
      @Nullable String caption,
      @Nullable String contextMessageId) {
    MultiValueMap<String, String> form = form(phoneNumberId, to);
    form.add("MediaUrl", url);
    if (caption != null && !caption.isBlank()) {
      form.add("Body", caption);
    }
    return send(form);
  }

  /** Twilio has no read receipts to send: nothing to do. */
  @Override
  public void markRead(String phoneNumberId, String providerMessageId) {}

  /** Downloads the media behind a {@code MediaUrlN}, refusing more than {@code maxBytes}. */
  public byte[] downloadMedia(String url, long maxBytes) {
    GraphApiClient.checkMediaUrl(mediaHosts, url);
    return resilience.media(
        () ->
            exchange(
                () ->
                    http.get()
                        .uri(URI.create(url))
                        .header("Authorization", basic())
                        .exchange(
                            (request, response) -> {
                              int status = response.getStatusCode().value();
                              if (status >= 400) {
                                throw error(status, readSome(response.getBody()));
                              }
                              byte[] bytes =
                                  response
                                      .getBody()
                                      .readNBytes(
                                          (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                              if (bytes.length > maxBytes) {
                                throw new GraphApiClient.MediaTooLargeException(maxBytes);
                              }
                              return bytes;
                            })));
  }

  private MultiValueMap<String, String> form(String phoneNumberId, String to) {
    String from =
        agencies.all().stream()
            .flatMap(a -> a.channels().whatsappChannel().stream())
            .filter(w -> w.phoneNumberId().equals(phoneNumberId))
            .map(w -> w.displayNumber())
            .findFirst()
            .orElseThrow(
                () ->
                    new GraphApiException(
                        0, null, "no agency number " + phoneNumberId, null, SendFailure.FINAL));
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("From", "whatsapp:+" + from.replaceAll("[^0-9]", ""));
    form.add("To", "whatsapp:+" + to.replaceAll("[^0-9]", ""));
    return form;
  }

  private String send(MultiValueMap<String, String> form) {
    if (twilio.accountSid() == null || twilio.authToken() == null) {
      throw new GraphApiException(
          0,
          null,
          "aduan.twilio.account-sid and auth-token are not set",
          null,
          SendFailure.TOKEN_INVALID);
    }
    JsonNode answer =
        resilience.call(
            () ->
                exchange(
                    () ->
                        http.post()
                            .uri("/2010-04-01/Accounts/{sid}/Messages.json", twilio.accountSid())
                            .header("Authorization", basic())
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .body(form)
                            .retrieve()
                            .body(JsonNode.class)));
    String sid = answer == null ? "" : answer.path("sid").asString("");
    if (sid.isEmpty()) {
      throw new GraphApiException(
          200, null, "Twilio answered without a sid", null, SendFailure.FINAL);
    }
    return sid;
  }

  private <T> T exchange(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RestClientResponseException e) {
      throw error(e.getStatusCode().value(), e.getResponseBodyAsString());
    } catch (ResourceAccessException e) {
      throw new GraphApiException(0, null, "Twilio could not be reached", e, SendFailure.RETRY);
    }
  }

  private GraphApiException error(int status, String body) {
    return resilience.refused(json, status, body, "", SendFailure::classifyTwilio);
  }

  private String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
  }

  private static String readSome(java.io.InputStream in) throws IOException {
    return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
  }
}
