package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseIdsTest {

  @Test
  void theSameOpeningMessageAlwaysGivesTheSameCaseId() {
    String first = CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, "wamid.ABC");
    String again = CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, "wamid.ABC");

    assertThat(again).isEqualTo(first);
  }

  @Test
  void aCaseIdIsAPrefixedNameBasedUuid() {
    String id = CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, "wamid.ABC");

    assertThat(id).startsWith("c-");
    assertThat(UUID.fromString(id.substring(2)).version()).isEqualTo(3);
  }

  @ParameterizedTest(name = "[{index}] {0}/{1}/{2}")
  @CsvSource({
    "BTN, WHATSAPP, wamid.ABC",
    "BDG, EMAIL, wamid.ABC",
    "BDG, WHATSAPP, wamid.ABD",
    "BDG, WHATSAPP, WAMID.ABC",
    "BDG, WHATSAPP, 'wamid.ABC '",
    "BDGX, WHATSAPP, wamid.ABC"
  })
  void anyDifferenceInAgencyChannelOrMessageIdGivesAnotherCase(
      String agency, Channel channel, String messageId) {
    String reference = CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, "wamid.ABC");

    assertThat(CaseIds.forOpeningMessage(agency, channel, messageId)).isNotEqualTo(reference);
  }

  @Test
  void oneMessageIdOnEveryChannelGivesAsManyCases() {
    Set<String> ids =
        Arrays.stream(Channel.values())
            .map(c -> CaseIds.forOpeningMessage("BDG", c, "123"))
            .collect(Collectors.toSet());

    assertThat(ids).hasSize(Channel.values().length);
  }
}
