package id.aduan.notification.messaging;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.notification.application.WindowStore;
import id.aduan.support.messaging.EventPublisher;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code trackCitizenMessages}: consumes {@code complaints.inbound.v1} and remembers when each
 * citizen last wrote on each address, which opens WhatsApp's and Meta's reply windows.
 */
@Component("trackCitizenMessages")
class TrackCitizenMessages implements Consumer<Message<byte[]>> {

  private final WindowStore windows;
  private final EventPublisher publisher;

  TrackCitizenMessages(WindowStore windows, EventPublisher publisher) {
    this.windows = windows;
    this.publisher = publisher;
  }

  @Override
  public void accept(Message<byte[]> message) {
    publisher
        .readAsOrDeadLetter(message, Topics.COMPLAINTS_INBOUND, ComplaintReceived.class)
        .ifPresent(
            m ->
                windows.touch(
                    new ReplyAddress(m.channel(), m.channelAccountId(), m.sender().channelUserId()),
                    m.receivedAt()));
  }
}
