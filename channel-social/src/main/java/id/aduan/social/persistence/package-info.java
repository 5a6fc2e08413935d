/** MongoDB: dedup keys, conversations, sent messages and attachments (GridFS). */
@NullMarked
package id.aduan.social.persistence;

import org.jspecify.annotations.NullMarked;
