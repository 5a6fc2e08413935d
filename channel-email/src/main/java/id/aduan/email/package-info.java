/** One or more IMAP mailboxes and SMTP. */
@NullMarked
package id.aduan.email;

import org.jspecify.annotations.NullMarked;
