/** Wiring and typed properties (aduan.email.*). */
@NullMarked
package id.aduan.email.config;

import org.jspecify.annotations.NullMarked;
