/** MongoDB: watermarks, dedup keys, archived raw responses and the category tree. */
@NullMarked
package id.aduan.lapor.persistence;

import org.jspecify.annotations.NullMarked;
