/** The Meta webhook endpoint. */
@NullMarked
package id.aduan.social.web;

import org.jspecify.annotations.NullMarked;
