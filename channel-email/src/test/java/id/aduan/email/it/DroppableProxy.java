package id.aduan.email.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a mail server whose connections a test can cut, to show that a
 * dropped IMAP connection is reopened.
 */
final class DroppableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  DroppableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts every open connection, as a network failure or a server restart would. */
  void dropAll() {
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
    open.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // server closed, or the target refused: the client sees its connection fail
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException e) {
                  // nothing more to do
                }
              }
            });
  }

  @Override
  public void close() throws IOException {
    dropAll();
    server.close();
  }
}
