/** Beans every Aduan service wires the same way. */
@NullMarked
package id.aduan.support;

import org.jspecify.annotations.NullMarked;
