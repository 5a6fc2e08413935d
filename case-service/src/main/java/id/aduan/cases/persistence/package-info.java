/** MongoDB: cases, citizens, officers, communications, attachments and ticket numbers. */
@NullMarked
package id.aduan.cases.persistence;

import org.jspecify.annotations.NullMarked;
