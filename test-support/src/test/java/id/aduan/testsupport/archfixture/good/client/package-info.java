/** A fixture package that keeps every rule. */
@NullMarked
package id.aduan.testsupport.archfixture.good.client;

import org.jspecify.annotations.NullMarked;
