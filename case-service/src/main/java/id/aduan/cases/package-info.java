/** The case service: every citizen message becomes or joins a case; officers work cases here. */
@NullMarked
package id.aduan.cases;

import org.jspecify.annotations.NullMarked;
