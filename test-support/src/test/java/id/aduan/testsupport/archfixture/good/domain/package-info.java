/** A fixture package that keeps every rule. */
@NullMarked
package id.aduan.testsupport.archfixture.good.domain;

import org.jspecify.annotations.NullMarked;
