package id.aduan.email.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A loopback TCP relay in front of a server whose connections a test can cut (a dropped IMAP
 * connection is reopened), or that a test can make unreachable for a while (Kafka down): while
 * refusing, every connection is closed as soon as it is made, so nothing reaches the server.
 */
final class DroppableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final IntSupplier targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  DroppableProxy(int targetPort) throws IOException {
    this(0, () -> targetPort);
  }

  /**
   * A relay listening on {@code listenPort} (0: any free port) to a port known only once the first
   * connection comes.
   */
  DroppableProxy(int listenPort, IntSupplier targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  /** The server behind the relay becomes unreachable: open connections are cut, new ones closed. */
  void refuse() {
    refusing = true;
    dropAll();
  }

  /** The server is reachable again. */
  void restore() {
    refusing = false;
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
        if (refusing) {
          client.close();
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort.getAsInt());
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
