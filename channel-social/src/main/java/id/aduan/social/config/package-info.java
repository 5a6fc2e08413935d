/** Wiring and typed settings of channel-social. */
@NullMarked
package id.aduan.social.config;

import org.jspecify.annotations.NullMarked;
