/**
 * Personal data every service handles the same way: one key set ({@code aduan.pii.*}), AES-GCM for
 * values, HMAC for lookups (docs/adr/0020, docs/adr/0025).
 */
@NullMarked
package id.aduan.support.pii;

import org.jspecify.annotations.NullMarked;
