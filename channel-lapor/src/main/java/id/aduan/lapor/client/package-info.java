/** Calls to SP4N-LAPOR! over HTTP, the versioned JSON mapper, and the only home of Resilience4j. */
@NullMarked
package id.aduan.lapor.client;

import org.jspecify.annotations.NullMarked;
