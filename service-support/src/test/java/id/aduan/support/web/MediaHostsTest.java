package id.aduan.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaHostsTest {

  private final MediaHosts meta =
      new MediaHosts(
          "https://graph.facebook.com/v23.0",
          List.of("lookaside.fbsbx.com", "*.fbcdn.net", "*.whatsapp.net"));

  @Test
  void theProviderAndTheConfiguredHostsOverHttpsAreFetched() {
    assertThat(meta.refusal("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1"))
        .isEmpty();
    assertThat(meta.refusal("https://scontent.xx.fbcdn.net/v/t1/abc.jpg")).isEmpty();
    assertThat(meta.refusal("https://mmg.whatsapp.net/d/f/x.enc")).isEmpty();
    assertThat(meta.refusal("https://graph.facebook.com/v23.0/123")).isEmpty();
  }

  @Test
  void anyOtherHostOrSchemeIsRefusedWithItsReason() {
    assertThat(meta.refusal("https://169.254.169.254/latest/meta-data")).hasValue("host");
    assertThat(meta.refusal("https://evilfbcdn.net/x")).hasValue("host");
    assertThat(meta.refusal("https://fbcdn.net.evil.example/x")).hasValue("host");
    assertThat(meta.refusal("https://lookaside.fbsbx.com.evil.example/x")).hasValue("host");
    assertThat(meta.refusal("http://lookaside.fbsbx.com/x")).hasValue("not_https");
    assertThat(meta.refusal("file:///etc/passwd")).hasValue("bad_url");
    assertThat(meta.refusal("https://user@lookaside.fbsbx.com/x")).hasValue("bad_url");
    assertThat(meta.refusal("not a url")).hasValue("bad_url");
    assertThat(meta.refusal(null)).hasValue("bad_url");
    // In production plain http is refused even for loopback.
    assertThat(meta.refusal("http://127.0.0.1:8080/x")).hasValue("not_https");
  }

  @Test
  void plainHttpOnlyToLoopbackAndOnlyWhenTheProviderIsALoopbackStandIn() {
    MediaHosts local = new MediaHosts("http://127.0.0.1:9999/v23.0", List.of());

    assertThat(local.refusal("http://127.0.0.1:9999/files/1")).isEmpty();
    assertThat(local.refusal("http://127.0.0.2:9999/files/1")).hasValue("host");
    assertThat(local.refusal("http://192.0.2.1/files/1")).hasValue("not_https");
  }
}
