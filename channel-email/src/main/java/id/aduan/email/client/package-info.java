/** IMAP and SMTP connections; the only home of Resilience4j in this service. */
@NullMarked
package id.aduan.email.client;

import org.jspecify.annotations.NullMarked;
