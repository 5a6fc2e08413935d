/** Timed work: trying again the outbound messages that failed transiently. */
@NullMarked
package id.aduan.social.scheduling;

import org.jspecify.annotations.NullMarked;
