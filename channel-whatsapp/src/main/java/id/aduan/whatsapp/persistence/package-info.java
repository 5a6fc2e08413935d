/** MongoDB: dedup keys, customer windows, statuses, sent messages, media (GridFS) and retries. */
@NullMarked
package id.aduan.whatsapp.persistence;

import org.jspecify.annotations.NullMarked;
