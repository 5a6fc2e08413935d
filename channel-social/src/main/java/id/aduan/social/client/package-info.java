/** Calls to the Graph API (Send API, attachment downloads), the only home of Resilience4j. */
@NullMarked
package id.aduan.social.client;

import org.jspecify.annotations.NullMarked;
