package id.aduan.cases.web;

import id.aduan.contracts.Channel;

/** The file exists on the case, but its channel's store is not reachable from here. */
final class AttachmentUnavailableException extends RuntimeException {

  private final String attachmentId;
  private final Channel channel;

  AttachmentUnavailableException(String ticket, String attachmentId, Channel channel) {
    super(
        "the file "
            + attachmentId
            + " of "
            + ticket
            + " is kept by the "
            + channel
            + " adapter and is not reachable from the case service");
    this.attachmentId = attachmentId;
    this.channel = channel;
  }

  String attachmentId() {
    return attachmentId;
  }

  Channel channel() {
    return channel;
  }
}
