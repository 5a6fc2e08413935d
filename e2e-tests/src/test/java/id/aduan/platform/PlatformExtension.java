package id.aduan.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One started {@link LocalPlatform} for every {@code platform} test of the run: started before the
 * first of them, kept in the root context's store and stopped when the run ends (JUnit closes
 * {@link AutoCloseable} values of the root store). When a test failed, the tails of every log are
 * printed then and the data directory is kept. Tests get the platform as a parameter ({@code
 * LocalPlatform}) of a test method, a lifecycle method or the constructor.
 */
public final class PlatformExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PlatformExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalPlatform.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).platform;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    running(context).failures.add(context.getDisplayName() + ": " + cause);
  }

  private static Running running(ExtensionContext context) {
    Running running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Running.class, k -> Running.start(), Running.class);
    running.startFailure.ifPresent(
        e -> {
          throw new IllegalStateException("the platform did not start", e);
        });
    return running;
  }

  /** The run's platform and what failed against it. */
  static final class Running implements AutoCloseable {
    final LocalPlatform platform;
    final Optional<RuntimeException> startFailure;
    final List<String> failures = new ArrayList<>();
    private final Thread hook;

    private Running(LocalPlatform platform, Optional<RuntimeException> startFailure) {
      this.platform = platform;
      this.startFailure = startFailure;
      // A test JVM ended otherwise than through JUnit (a fork timeout) must not leave it running.
      this.hook = new Thread(() -> platform.close(true), "stop-local-platform");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    static Running start() {
      LocalPlatform platform = LocalPlatform.create();
      System.out.println("Starting the local platform in " + platform.home() + " ...");
      try {
        System.out.println(platform.start());
        return new Running(platform, Optional.empty());
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).contains("already in use")) {
          return new Running(platform, Optional.of(e));
        }
        // Another program took one of the free ports between choosing and listening: once more,
        // on other ports (./aduan has stopped what it had started).
        System.out.println("A port was taken meanwhile; starting again on other ports.");
        platform.close(false);
      }
      LocalPlatform again = LocalPlatform.create();
      try {
        System.out.println(again.start());
        return new Running(again, Optional.empty());
      } catch (RuntimeException e) {
        return new Running(again, Optional.of(e));
      }
    }

    @Override
    public void close() {
      Runtime.getRuntime().removeShutdownHook(hook);
      boolean failed = startFailure.isPresent() || !failures.isEmpty();
      if (failed) {
        System.err.println(
            "Platform tests failed ("
                + (startFailure.isPresent() ? "start" : String.join("; ", failures))
                + "); the logs' tails:\n"
                + platform.logTails(40));
      }
      platform.close(failed);
    }
  }
}
