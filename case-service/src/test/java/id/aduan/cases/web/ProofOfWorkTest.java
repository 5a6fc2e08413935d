package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The web form's proof of work: issue, solve, verify, use once, expire. */
class ProofOfWorkTest {

  private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ProofOfWork proofs = new ProofOfWork("test-key", 12, Duration.ofMinutes(30), clock);

  @Test
  void aSolvedChallengeIsAcceptedOnceForItsOwnAgency() {
    ProofOfWork.Challenge c = proofs.issue("LBK");
    String nonce = solve(c.challenge(), c.bits());

    assertThat(c.bits()).isEqualTo(12);
    assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(proofs.check("LBK", c.challenge(), nonce)).isNotBlank();
    // Checking does not use it up (the fields may still be refused); using it does.
    assertThat(proofs.check("LBK", c.challenge(), nonce)).isNotBlank();
    assertThat(proofs.use(c.challenge())).isTrue();
    assertThat(proofs.use(c.challenge())).isFalse();
    assertThat(reason(() -> proofs.check("LBK", c.challenge(), nonce))).isEqualTo("proof-used");
  }

  @Test
  void withoutTheWorkOrWithAnotherAgencyOrAnAlteredChallengeItIsRefused() {
    ProofOfWork.Challenge c = proofs.issue("LBK");
    String nonce = solve(c.challenge(), c.bits());
    String unsolved = unsolved(c.challenge(), c.bits());
    String easier = c.challenge().replace(".12.", ".0.");

    assertThat(reason(() -> proofs.check("LBK", c.challenge(), unsolved)))
        .isEqualTo("proof-invalid");
    assertThat(reason(() -> proofs.check("BABEL", c.challenge(), nonce)))
        .isEqualTo("proof-invalid");
    assertThat(reason(() -> proofs.check("LBK", easier, unsolved))).isEqualTo("proof-invalid");
    assertThat(reason(() -> proofs.check("LBK", c.challenge(), ""))).isEqualTo("proof-missing");
    assertThat(reason(() -> proofs.check("LBK", null, nonce))).isEqualTo("proof-missing");
    assertThat(reason(() -> proofs.check("LBK", "v1.LBK.x", nonce))).isEqualTo("proof-invalid");
    assertThat(reason(() -> proofs.check("LBK", c.challenge(), "12a"))).isEqualTo("proof-invalid");
  }

  @Test
  void aChallengeExpiresAndOneSignedWithAnotherKeyIsRefused() {
    ProofOfWork.Challenge c = proofs.issue("LBK");
    String nonce = solve(c.challenge(), c.bits());
    ProofOfWork other = new ProofOfWork("", 12, Duration.ofMinutes(30), clock);
    ProofOfWork.Challenge foreign = other.issue("LBK");

    assertThat(
            reason(() -> proofs.check("LBK", foreign.challenge(), solve(foreign.challenge(), 12))))
        .isEqualTo("proof-invalid");
    // The same key, 30 minutes later (another instance sharing the key, or this one later).
    ProofOfWork later =
        new ProofOfWork(
            "test-key", 12, Duration.ofMinutes(30), Clock.offset(clock, Duration.ofMinutes(30)));
    assertThat(reason(() -> later.check("LBK", c.challenge(), nonce))).isEqualTo("proof-expired");
  }

  @Test
  void leadingZeroBitsCountsAcrossBytes() {
    assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0, 1, 0})).isEqualTo(23);
    assertThat(ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80})).isZero();
    assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0x10})).isEqualTo(11);
    assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
  }

  static String solve(String challenge, int bits) {
    for (long nonce = 0; ; nonce++) {
      if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge + ":" + nonce)) >= bits) {
        return Long.toString(nonce);
      }
    }
  }

  private static String unsolved(String challenge, int bits) {
    for (long nonce = 0; ; nonce++) {
      if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge + ":" + nonce)) < bits) {
        return Long.toString(nonce);
      }
    }
  }

  private static String reason(Runnable check) {
    try {
      check.run();
    } catch (ProofOfWork.Refused e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }
}
