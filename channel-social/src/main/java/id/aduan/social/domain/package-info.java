/** The Messenger and Instagram rules as plain Java: webhook normalization and the send window. */
@NullMarked
package id.aduan.social.domain;

import org.jspecify.annotations.NullMarked;
