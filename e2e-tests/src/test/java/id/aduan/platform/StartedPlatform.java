package id.aduan.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against the started local platform ({@link LocalPlatform}, one per test run): tagged
 * {@code platform}, so it runs in the {@code integration-test} phase after every jar is packaged.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("platform")
@ExtendWith(PlatformExtension.class)
public @interface StartedPlatform {}
