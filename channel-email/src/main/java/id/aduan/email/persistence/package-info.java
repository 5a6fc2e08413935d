/** MongoDB: mailbox checkpoints, dedup keys, outbound mail claims and GridFS files. */
@NullMarked
package id.aduan.email.persistence;

import org.jspecify.annotations.NullMarked;
