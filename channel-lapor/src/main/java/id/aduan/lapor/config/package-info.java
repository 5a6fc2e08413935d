/** Wiring and typed settings of channel-lapor. */
@NullMarked
package id.aduan.lapor.config;

import org.jspecify.annotations.NullMarked;
